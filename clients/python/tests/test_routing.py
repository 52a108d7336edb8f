import unittest

from nautilus_bus import Bus, MessageType, Priority, RoutingTable


class RoutingTableTest(unittest.TestCase):

    def test_market_data_types_go_to_the_marketdata_bus_and_the_rest_to_engine_logic(self):
        routing = RoutingTable()
        self.assertEqual(routing.types_on(Bus.MARKETDATA),
                         [MessageType.MARKET_DATA, MessageType.PRICE_UPDATE, MessageType.TRADE_EXECUTION])
        self.assertEqual(len(routing.types_on(Bus.ENGINE_LOGIC)), 12)
        self.assertEqual(routing.stream_key("price_update"), "nautilus:marketdata:price_update")
        self.assertEqual(routing.stream_key(MessageType.RISK_METRIC), "nautilus:engine_logic:risk_metric")
        self.assertEqual(routing.dead_letter_stream(Bus.ENGINE_LOGIC), "nautilus:engine_logic:dead")

    def test_normal_is_the_plain_stream_and_other_priorities_add_a_suffix(self):
        routing = RoutingTable("px")
        self.assertEqual(routing.lane("risk_metric", Priority.NORMAL), "px:engine_logic:risk_metric")
        self.assertEqual(routing.lane("risk_metric", "urgent"), "px:engine_logic:risk_metric:urgent")
        self.assertEqual(routing.lane("risk_metric", Priority.FLASH_CRASH), "px:engine_logic:risk_metric:flash_crash")
        self.assertEqual(routing.lane("risk_metric", Priority.LOW), "px:engine_logic:risk_metric:low")

    def test_lanes_are_listed_most_urgent_first(self):
        lanes = RoutingTable().lanes(["strategy_signal", "risk_metric"])
        self.assertEqual([p for _, p in lanes], [p for p in Priority for _ in range(2)])
        self.assertEqual(lanes[0][0], "nautilus:engine_logic:risk_metric:flash_crash")
        self.assertEqual(lanes[1][0], "nautilus:engine_logic:strategy_signal:flash_crash")
        self.assertEqual(lanes[6][0], "nautilus:engine_logic:risk_metric")

    def test_a_type_can_be_moved_to_the_other_bus(self):
        routing = RoutingTable(overrides={"risk_metric": "marketdata"})
        self.assertIs(routing.bus_of("risk_metric"), Bus.MARKETDATA)
        self.assertEqual(routing.stream_key("risk_metric"), "nautilus:marketdata:risk_metric")

    def test_a_bad_prefix_is_refused(self):
        for prefix in ("", " ", "a b"):
            with self.subTest(prefix=prefix), self.assertRaisesRegex(ValueError, "prefix"):
                RoutingTable(prefix)


if __name__ == "__main__":
    unittest.main()

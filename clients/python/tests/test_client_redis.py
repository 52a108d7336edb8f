"""The client against real Redis servers (see redis_servers): publish, lanes, groups, acks, dead letters."""

import os
import threading
import time
import unittest

import redis

from nautilus_bus import Bus, DualBusClient, MessageType, Priority
from tests import redis_servers
from tests.test_envelope import resp_envelope, seed_fields


class RedisClientTest(unittest.TestCase):

    def setUp(self):
        self.marketdata_url, self.engine_logic_url = redis_servers.urls()
        self.prefix = redis_servers.fresh_prefix()
        self.el = redis.Redis.from_url(self.engine_logic_url, decode_responses=True)
        self.md = redis.Redis.from_url(self.marketdata_url, decode_responses=True)
        self.clients = []

    def tearDown(self):
        for client in self.clients:
            client.close()
        for server in (self.el, self.md):
            keys = list(server.scan_iter(self.prefix + ":*"))
            if keys:
                server.delete(*keys)
            server.close()

    def client(self, engine="py", **settings):
        client = DualBusClient(self.marketdata_url, self.engine_logic_url, engine=engine, prefix=self.prefix,
                               **settings)
        self.clients.append(client)
        return client

    def key(self, *parts):
        return ":".join((self.prefix,) + parts)

    @staticmethod
    def run_until(client, condition, seconds=10):
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("condition not met within %s s" % seconds)
            client.run_once(100)

    def test_publish_writes_the_envelope_to_the_type_s_bus_and_priority_lane(self):
        bus = self.client(engine="risk_py")
        sent = bus.publish("risk_metric", "risk.metric.var", {"var_95": 1.5}, priority=Priority.URGENT)
        bus.publish(MessageType.PRICE_UPDATE, "price.update.BTCUSD", {"price": 812.5})
        [(entry_id, fields)] = self.el.xrange(self.key("engine_logic", "risk_metric", "urgent"))
        self.assertEqual(list(fields), ["message_type", "source_engine", "payload", "priority", "timestamp", "id",
                                        "topic"])
        self.assertEqual(fields["message_type"], "risk_metric")
        self.assertEqual(fields["source_engine"], "risk_py")
        self.assertEqual(fields["payload"], '{"var_95":1.5}')
        self.assertEqual(fields["priority"], "urgent")
        self.assertRegex(fields["timestamp"], r"\A\d{10}\.\d{6}\Z")
        self.assertEqual(fields["id"], sent.id)
        self.assertEqual(fields["topic"], "risk.metric.var")
        self.assertEqual(self.md.xlen(self.key("marketdata", "price_update")), 1)
        self.assertEqual(self.el.xlen(self.key("engine_logic", "risk_metric")), 0)
        names = [c.get("name") for c in self.el.client_list()]
        self.assertIn("nautilus:risk_py:engine_logic:pub", names)

    def test_from_env_takes_the_bus_urls_nautilus_uses(self):
        saved = {k: os.environ.get(k) for k in ("NAUTILUS_MARKETDATA_BUS_URL", "NAUTILUS_ENGINE_LOGIC_BUS_URL")}
        os.environ.update(NAUTILUS_MARKETDATA_BUS_URL=self.marketdata_url,
                          NAUTILUS_ENGINE_LOGIC_BUS_URL=self.engine_logic_url)
        try:
            bus = DualBusClient.from_env("risk_py", prefix=self.prefix)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        self.clients.append(bus)
        bus.publish("price_update", "price.update.BTCUSD", {})
        bus.publish("risk_metric", "risk.metric", {})
        self.assertEqual(self.md.xlen(self.key("marketdata", "price_update")), 1)
        self.assertEqual(self.el.xlen(self.key("engine_logic", "risk_metric")), 1)

    def test_a_password_in_the_url_authenticates_and_never_reaches_the_logs(self):
        secret = "nautilus-test-secret-py-" + redis_servers.fresh_prefix()
        url = redis_servers.start(secret)
        bus = DualBusClient(url, url, engine="py", prefix=self.prefix)
        self.clients.append(bus)
        got = []
        bus.subscribe("risk", "risk-1", ["risk_metric", "price_update"], ["*"], got.append)
        bus.publish("risk_metric", "risk.metric", {})
        bus.publish("price_update", "price.update.BTCUSD", {})
        with self.assertLogs("nautilus_bus", "WARNING") as logs:
            redis.Redis.from_url(url).xadd(self.key("engine_logic", "risk_metric"), {"poison": "1"})
            self.run_until(bus, lambda: len(got) == 2 and bus.dead_letters(Bus.ENGINE_LOGIC))
        self.assertNotIn(secret, "\n".join(logs.output))
        wrong = DualBusClient(url.replace(secret, "nautilus-test-secret-wrong"), url, engine="py")
        with self.assertRaises(redis.RedisError) as refused:  # WRONGPASS (redis-py 4: a ResponseError)
            wrong.publish("price_update", "price.update.BTCUSD", {})
        self.assertNotIn("nautilus-test-secret", str(refused.exception))
        wrong.close()

    def test_a_group_receives_what_is_published_acknowledges_it_and_matches_topics(self):
        bus = self.client()
        got = []
        bus.subscribe("analytics", "analytics-1", ["strategy_signal", "price_update"], ["strategy.*", "price.?pdate.*"],
                      got.append)
        bus.publish("strategy_signal", "strategy.signal.ma_cross", {"target": 1}, correlation_id="c-1",
                    reply_to="strategy.replies")
        bus.publish("strategy_signal", "other.topic", {"target": 2})
        bus.publish("price_update", "price.update.BTCUSD", {"price": 3})
        self.run_until(bus, lambda: len(got) == 2)
        self.assertEqual(sorted(m.payload["target"] if "target" in m.payload else m.payload["price"] for m in got),
                         [1, 3])
        signal = next(m for m in got if m.type is MessageType.STRATEGY_SIGNAL)
        self.assertEqual((signal.correlation_id, signal.reply_to), ("c-1", "strategy.replies"))
        bus.run_once(50)  # the acknowledgements leave with the next read
        for server, stream in ((self.el, self.key("engine_logic", "strategy_signal")),
                               (self.md, self.key("marketdata", "price_update"))):
            self.assertEqual(server.xpending(stream, "analytics")["pending"], 0)

    def test_an_urgent_message_published_after_a_normal_backlog_is_handled_first(self):
        bus = self.client(read_count=50)
        got = []
        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], lambda m: got.append(m.priority))
        for i in range(120):
            bus.publish("risk_metric", "risk.metric", {"i": i})
        bus.publish("risk_metric", "risk.metric", {"alert": True}, priority="urgent")
        bus.publish("risk_metric", "risk.metric", {"crash": True}, priority="flash_crash")
        self.run_until(bus, lambda: len(got) == 122)
        self.assertEqual(got[:2], [Priority.FLASH_CRASH, Priority.URGENT])

    def test_a_failing_handler_is_retried_then_its_message_dead_lettered(self):
        bus = self.client(max_deliveries=3)
        calls = []

        def handler(message):
            calls.append(message.id)
            raise ValueError("cannot price %s" % message.payload["instrument"])

        bus.subscribe("risk", "risk-1", ["strategy_signal"], ["strategy.*"], handler)
        sent = bus.publish("strategy_signal", "strategy.signal.x", {"instrument": "BTCUSD"})
        self.run_until(bus, lambda: bus.dead_letters(Bus.ENGINE_LOGIC))
        [letter] = bus.dead_letters(Bus.ENGINE_LOGIC)
        self.assertEqual(calls, [sent.id] * 3)
        self.assertEqual(letter.reason, "handler failed 3 times: ValueError: cannot price BTCUSD")
        self.assertEqual(letter.deliveries, 3)
        self.assertEqual(letter.group, "risk")
        self.assertEqual(letter.stream, self.key("engine_logic", "strategy_signal"))
        self.assertEqual(letter.envelope["id"], sent.id)
        self.assertEqual(letter.envelope["payload"], '{"instrument":"BTCUSD"}')
        bus.run_once(50)
        self.assertEqual(self.el.xpending(letter.stream, "risk")["pending"], 0)

    def test_a_handler_that_fails_once_is_handled_on_the_retry(self):
        bus = self.client()
        attempts = []

        def flaky(message):
            attempts.append(message.id)
            if len(attempts) == 1:
                raise RuntimeError("transient")

        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], flaky)
        bus.publish("risk_metric", "risk.metric", {})
        self.run_until(bus, lambda: len(attempts) == 2)
        self.assertEqual(bus.dead_letters(Bus.ENGINE_LOGIC), [])

    def test_a_memory_error_leaves_the_message_pending_for_a_later_read_without_counting_it(self):
        bus = self.client(max_deliveries=1)
        attempts = []

        def handler(message):
            attempts.append(message.id)
            if len(attempts) == 1:
                raise MemoryError()

        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], handler)
        bus.publish("risk_metric", "risk.metric", {})
        with self.assertRaises(MemoryError):
            self.run_until(bus, lambda: attempts)
        self.run_until(bus, lambda: len(attempts) == 2)
        self.assertEqual(bus.dead_letters(Bus.ENGINE_LOGIC), [])

    def test_close_sends_the_acknowledgements_still_queued(self):
        bus = self.client()
        got = []
        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], got.append)
        bus.publish("risk_metric", "risk.metric", {})
        self.run_until(bus, lambda: got)
        stream = self.key("engine_logic", "risk_metric")
        self.assertEqual(self.el.xpending(stream, "risk")["pending"], 1)  # the ack waits for the next read
        bus.close()
        self.assertEqual(self.el.xpending(stream, "risk")["pending"], 0)

    def test_poison_entries_are_dead_lettered_with_a_reason_and_the_reader_goes_on(self):
        bus = self.client()
        got = []
        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], got.append)
        stream = self.key("engine_logic", "risk_metric")
        raw = redis.Redis.from_url(self.engine_logic_url)
        raw.xadd(stream, {"message_type": "risk_metric", "source_engine": "x", "payload": "{oops", "priority": "normal",
                          "timestamp": "1"})
        raw.xadd(stream, {"packed": "1", "entries": "[]"})  # a packed entry without its body
        raw.xadd(stream, {"message_type": "risk_metric", "source_engine": "x", "payload": "{}", "priority": "normal",
                          "timestamp": "1", "topic": b"risk.\xff"})
        bus.publish("risk_metric", "risk.metric", {"ok": True})
        self.run_until(bus, lambda: len(got) == 1 and len(bus.dead_letters(Bus.ENGINE_LOGIC)) == 3)
        reasons = [d.reason for d in reversed(bus.dead_letters(Bus.ENGINE_LOGIC))]
        self.assertRegex(reasons[0], r"\Aundecodable: malformed envelope: field 'payload' payload is not valid JSON")
        self.assertEqual(reasons[1], "undecodable: malformed envelope: field 'packed_body' is missing")
        self.assertEqual(reasons[2], "undecodable: malformed envelope: field 'topic' is not valid UTF-8 (byte 5)")
        # The dead letter keeps the original bytes, so it can be replayed as it was.
        [(_, raw_letter)] = raw.xrange(self.key("engine_logic", "dead"), count=3)[2:]
        self.assertEqual(raw_letter[b"topic"], b"risk.\xff")
        self.assertEqual(raw_letter[b"dead_deliveries"], b"1")

    def test_a_packed_entry_is_handled_message_by_message_a_bad_one_dead_lettered_alone(self):
        bus = self.client(max_deliveries=2)
        got = []

        def handle(message):
            if message.payload.get("fail"):
                raise ValueError("no thanks")
            got.append(message)

        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], handle)
        stream = self.key("engine_logic", "risk_metric")
        fields = [seed_fields(id="m-%d" % i, payload='{"i": %d}' % i) for i in range(4)]
        fields[1] = seed_fields(id="m-bad", priority="critical")
        fields[2] = seed_fields(id="m-fail", payload='{"fail": true}')
        entry_id = self.el.xadd(stream, {"packed": "4", "packed_body": b"".join(resp_envelope(f) for f in fields)})
        self.run_until(bus, lambda: len(got) == 2 and len(bus.dead_letters(Bus.ENGINE_LOGIC)) == 2)
        self.assertEqual([m.id for m in got], ["m-0", "m-3"])
        self.assertEqual([m.entry_id for m in got], [entry_id + "/0", entry_id + "/3"])
        letters = {d.envelope["id"]: d for d in bus.dead_letters(Bus.ENGINE_LOGIC)}
        self.assertEqual(sorted(letters), ["m-bad", "m-fail"])
        self.assertEqual(letters["m-bad"].original_id, entry_id + "/1")
        self.assertRegex(letters["m-bad"].reason, "unknown priority 'critical'")
        self.assertEqual(letters["m-fail"].original_id, entry_id + "/2")
        self.assertEqual(letters["m-fail"].reason, "handler failed 2 times: ValueError: no thanks")
        self.assertNotIn("packed", letters["m-fail"].envelope)
        bus.run_once(50)  # the acknowledgement leaves with the next read
        self.assertEqual(self.el.xpending(stream, "risk")["pending"], 0)

    def test_an_entry_trimmed_while_pending_is_acknowledged_unhandled(self):
        bus = self.client()
        got = []
        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], got.append)
        stream = self.key("engine_logic", "risk_metric")
        entry_id = self.el.xadd(stream, {"message_type": "risk_metric"})
        self.el.xreadgroup("risk", "risk-1", {stream: ">"})  # delivered, then deleted before handling
        self.el.xdel(stream, entry_id)
        bus.run_once(50)
        bus.run_once(50)
        self.assertEqual(got, [])
        self.assertEqual(self.el.xpending(stream, "risk")["pending"], 0)
        self.assertEqual(bus.dead_letters(Bus.ENGINE_LOGIC), [])

    def test_entries_of_a_dead_consumer_are_claimed_and_handled(self):
        bus = self.client(claim_idle=0.2)
        got = []
        bus.subscribe("risk", "risk-2", ["risk_metric"], ["*"], got.append)
        sent = self.client().publish("risk_metric", "risk.metric", {"n": 1})
        stream = self.key("engine_logic", "risk_metric")
        self.el.xreadgroup("risk", "risk-1", {stream: ">"})  # risk-1 takes it and dies
        time.sleep(0.25)
        self.run_until(bus, lambda: got)
        self.assertEqual(got[0].id, sent.id)

    def test_an_entry_that_killed_every_consumer_is_dead_lettered_without_another_try(self):
        bus = self.client(claim_idle=0.2, max_deliveries=3)
        got = []
        bus.subscribe("risk", "risk-9", ["risk_metric"], ["*"], got.append)
        self.client().publish("risk_metric", "risk.metric", {"n": 1})
        stream = self.key("engine_logic", "risk_metric")
        [[_, [(entry_id, _)]]] = self.el.xreadgroup("risk", "risk-1", {stream: ">"})
        self.el.xclaim(stream, "risk", "risk-1", 0, [entry_id], retrycount=3)
        time.sleep(0.25)
        self.run_until(bus, lambda: bus.dead_letters(Bus.ENGINE_LOGIC))
        [letter] = bus.dead_letters(Bus.ENGINE_LOGIC)
        self.assertEqual(got, [])
        self.assertEqual(letter.reason, "delivered 3 times without an acknowledgement (consumer died each time)")
        self.assertEqual(letter.deliveries, 3)

    def test_a_deleted_stream_gets_its_group_back(self):
        bus = self.client()
        got = []
        bus.subscribe("risk", "risk-1", ["risk_metric"], ["*"], got.append)
        bus.run_once(10)
        self.el.delete(*self.el.scan_iter(self.key("engine_logic", "risk_metric") + "*"))
        bus.run_once(10)  # NOGROUP: the groups are created again, from the start of the new streams
        bus.publish("risk_metric", "risk.metric", {})
        self.run_until(bus, lambda: got)

    def test_run_reads_both_buses_in_threads_until_close(self):
        bus = self.client(block_ms=5000)
        got = []
        in_handler = []

        def handler(message):
            in_handler.append(1)
            self.assertEqual(len(in_handler), 1, "handler called concurrently")
            got.append(message.type)
            in_handler.pop()

        bus.subscribe("ws", "ws-1", ["price_update", "portfolio_update"], ["*"], handler)
        runner = threading.Thread(target=bus.run)
        runner.start()
        for i in range(20):
            bus.publish("price_update", "price.update.BTCUSD", {"i": i})
            bus.publish("portfolio_update", "portfolio.update", {"i": i})
        deadline = time.monotonic() + 10
        while len(got) < 40 and time.monotonic() < deadline:
            time.sleep(0.02)
        started = time.monotonic()
        bus.close()
        runner.join(5)
        self.assertFalse(runner.is_alive())
        self.assertLess(time.monotonic() - started, 3, "close waits for a blocked read to end instead of ending it")
        self.assertEqual(sorted(t.wire for t in got), ["portfolio_update"] * 20 + ["price_update"] * 20)
        self.assertEqual(self.md.xpending(self.key("marketdata", "price_update"), "ws")["pending"], 0)
        self.assertEqual(self.el.xpending(self.key("engine_logic", "portfolio_update"), "ws")["pending"], 0)


if __name__ == "__main__":
    unittest.main()

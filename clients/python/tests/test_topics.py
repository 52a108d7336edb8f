import time
import unittest

from nautilus_bus.topics import TopicPattern, is_valid_topic, require_valid_topic

# The table of the Java TopicPatternTest: both sides must agree on every row.
CASES = """
market_data.trade.BTCUSD | market_data.trade.BTCUSD | true
market_data.trade.BTCUSD | market_data.trade.BTCUSDT | false
market_data.trade.BTCUSD | market_data.trade.BTCUS | false
a | a | true
a | b | false
market_data.* | market_data.trade.BTCUSD | true
market_data.* | market_data.bar | true
market_data.* | market_data | false
market_data* | market_data | true
market_data* | market_data_v2.x | true
market_data.* | market_datax.trade | false
* | anything.at.all | true
* | x | true
*.BTCUSD | market_data.trade.BTCUSD | true
*.BTCUSD | market_data.trade.ETHUSD | false
*.signal.* | strategy.signal.ma_cross | true
*.signal.* | strategy.signals.ma_cross | false
*.*.* | a.b.c | true
*.*.* | a.b | false
a*b*c | abc | true
a*b*c | axxbyyc | true
a*b*c | axxbyy | false
a*b*c | aXbXcXbXc | true
** | a.b | true
risk.**.breach | risk.alert.var.breach | true
?isk.alert | risk.alert | true
risk.aler? | risk.alert | true
risk.aler? | risk.aler | false
risk.aler? | risk.alerts | false
? | a | true
? | ab | false
?? | ab | true
market_data.?.X | market_data...X | true
price.update.BTC??? | price.update.BTCUSD | true
price.update.BTC??? | price.update.BTCUS | false
a?b | a.b | true
*? | a | true
*? | x.y | true
?* | a | true
*?* |  | false
a..b | a..b | true
a..b | a.b | false
a.*.b | a..b | true
vpin.* | vpin. | true
"""


class TopicPatternTest(unittest.TestCase):

    def test_matches_like_the_java_bus(self):
        for line in CASES.strip().splitlines():
            pattern, topic, expected = (part.strip() for part in line.split("|"))
            with self.subTest(pattern=pattern, topic=topic):
                self.assertEqual(TopicPattern(pattern).matches(topic), expected == "true")

    def test_rejects_empty_and_whitespace_patterns(self):
        with self.assertRaisesRegex(ValueError, "empty"):
            TopicPattern("")
        with self.assertRaisesRegex(ValueError, "whitespace"):
            TopicPattern("risk. *")
        with self.assertRaisesRegex(ValueError, "whitespace"):
            TopicPattern("risk.\x01")

    def test_a_long_pathological_glob_stays_fast(self):
        start = time.monotonic()
        self.assertFalse(TopicPattern("*a*a*a*a*a*a*a*b").matches("a" * 10_000))
        self.assertLess(time.monotonic() - start, 5)


class TopicTest(unittest.TestCase):

    def test_valid_topics(self):
        for topic in ("risk_metric", "market_data.trade.BTCUSD", "a", "x-y_z.1", "prix.€", "a\u00a0b"):
            with self.subTest(topic=topic):
                self.assertTrue(is_valid_topic(topic))

    def test_invalid_topics_say_why(self):
        for topic, problem in (("", "empty"), (".a", "empty segment"), ("a..b", "empty segment"),
                               ("a.", "ends with a dot"), ("a*", "wildcard"), ("a?b", "wildcard"),
                               ("a b", "whitespace"), ("a\tb", "whitespace"), ("a\u2003b", "whitespace"),
                               ("a\x00", "control")):
            with self.subTest(topic=topic):
                self.assertFalse(is_valid_topic(topic))
                with self.assertRaisesRegex(ValueError, problem):
                    require_valid_topic(topic)


if __name__ == "__main__":
    unittest.main()

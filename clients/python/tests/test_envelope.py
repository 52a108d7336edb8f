import re
import unittest
from decimal import ROUND_HALF_UP, Decimal

from nautilus_bus import envelope
from nautilus_bus.envelope import MalformedEnvelope, MessageType, PayloadError, Priority
from nautilus_bus.reader import MAX_FIELDS, RawEntry, decode_entry, is_packed, unpack


def resp_envelope(fields):
    """One envelope as a packed body holds it: a RESP array of its names and values."""
    out = b"*%d\r\n" % (2 * len(fields))
    for name, value in fields.items():
        for part in (name, value):
            data = part if isinstance(part, bytes) else part.encode()
            out += b"$%d\r\n%s\r\n" % (len(data), data)
    return out


def packed_pairs(count, *envelopes):
    return [b"packed", str(count).encode(), b"packed_body", b"".join(envelopes)]


def seed_fields(**changes):
    fields = {"message_type": "risk_metric", "source_engine": "risk", "payload": '{"var_95": 1234.5}',
              "priority": "urgent", "timestamp": "1724680000.1234567"}
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


class EncodeTest(unittest.TestCase):

    def test_encodes_the_seed_fields_in_the_seed_format_plus_ours_in_wire_order(self):
        message = envelope.new_message("price_update", "price.update.BTCUSD",
                                       {"instrument": "BTCUSD", "price": 812.5, "size": 0.25}, "marketdata",
                                       Priority.HIGH, correlation_id="req-9", message_id="abc-1",
                                       timestamp_micros=1_732_300_000_123_456)
        # What the Java EnvelopeCodecTest expects for the same message.
        self.assertEqual(list(envelope.encode(message).items()), [
            ("message_type", "price_update"),
            ("source_engine", "marketdata"),
            ("payload", '{"instrument":"BTCUSD","price":812.5,"size":0.25}'),
            ("priority", "high"),
            ("timestamp", "1732300000.123456"),
            ("id", "abc-1"),
            ("topic", "price.update.BTCUSD"),
            ("correlation_id", "req-9"),
        ])

    def test_round_trips_every_field(self):
        original = envelope.new_message(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross", {"target": [1, "€"]},
                                        "strategy", "flash_crash", correlation_id="c-1", reply_to="strategy.replies")
        decoded = envelope.decode(envelope.encode(original), "ignored")
        self.assertEqual(decoded, original)

    def test_ids_have_the_java_form(self):
        first, second = envelope.new_id(), envelope.new_id()
        self.assertRegex(first, r"\A[0-9a-z]{8}-[0-9a-z]+\Z")
        self.assertEqual(first.split("-")[0], second.split("-")[0])
        self.assertEqual(int(second.split("-")[1], 36), int(first.split("-")[1], 36) + 1)

    def test_payloads_that_cannot_travel_are_refused(self):
        with self.assertRaisesRegex(PayloadError, "JSON"):
            envelope.new_message("risk_metric", "risk", {"x": object()}, "py")
        with self.assertRaisesRegex(PayloadError, "JSON"):
            envelope.new_message("risk_metric", "risk", {"x": float("nan")}, "py")
        with self.assertRaisesRegex(PayloadError, "over the limit of 1024"):
            envelope.new_message("risk_metric", "risk", {"b": "€" * 339}, "py", max_payload_bytes=1024)
        # {"b":"€…"} is 8 ASCII bytes plus 3 per euro sign: 338 signs make 1,022 bytes.
        envelope.new_message("risk_metric", "risk", {"b": "€" * 338}, "py", max_payload_bytes=1024)

    def test_bad_arguments_are_named(self):
        for args, problem in ((("tick", "a", {}, "py"), "unknown message type 'tick'"),
                              (("risk_metric", "a..b", {}, "py"), "invalid topic"),
                              (("risk_metric", "a", {}, " "), "source_engine"),
                              (("risk_metric", "a", {}, "py", "critical"), "unknown priority 'critical'")):
            with self.subTest(problem=problem), self.assertRaisesRegex(ValueError, problem):
                envelope.new_message(*args)


class DecodeTest(unittest.TestCase):

    def test_reads_what_a_seed_style_python_publisher_writes(self):
        message = envelope.decode(seed_fields(), "1724680000123-0")
        self.assertEqual(message.id, "1724680000123-0")
        self.assertEqual(message.topic, "risk_metric")
        self.assertIs(message.priority, Priority.URGENT)
        self.assertEqual(message.timestamp_micros, 1_724_680_000_123_457)  # half up, as Java rounds
        self.assertEqual(message.payload, {"var_95": 1234.5})

    def test_a_missing_seed_field_is_named(self):
        for field in ("message_type", "source_engine", "payload", "priority", "timestamp"):
            with self.subTest(field=field):
                with self.assertRaisesRegex(MalformedEnvelope, "field '%s' is missing" % field) as raised:
                    envelope.decode(seed_fields(**{field: None}), "x")
                self.assertEqual(raised.exception.field, field)

    def test_bad_values_are_named(self):
        for field, value, problem in (
                ("message_type", "tick", "unknown message type 'tick'"),
                ("priority", "critical", "unknown priority 'critical'"),
                ("payload", "{not json", "not valid JSON"),
                ("payload", "{} trailing", "not valid JSON"),
                ("payload", '{"x": NaN}', "not valid JSON"),
                ("payload", "x" * 2000, "over the limit of 1024"),
                ("timestamp", "yesterday", "not a decimal number"),
                ("timestamp", "-5", "negative"),
                ("timestamp", "1e999999999", "not a decimal number"),
                ("timestamp", "NaN", "not a decimal number"),
                ("topic", "a..b", "not a valid topic"),
                ("reply_to", "a b", "not a valid topic"),
                ("source_engine", " ", "blank")):
            with self.subTest(field=field, value=value[:20]):
                with self.assertRaisesRegex(MalformedEnvelope, "field '%s' .*%s" % (field, re.escape(problem))):
                    envelope.decode(seed_fields(**{field: value}), "x", max_payload_bytes=1024)

    def test_deeply_nested_payloads_are_refused_not_a_crash(self):
        for text in ("[" * 100_000, "[" * 100_000 + "]" * 100_000):
            with self.assertRaisesRegex(MalformedEnvelope, "field 'payload' payload is not valid JSON"):
                envelope.decode(seed_fields(payload=text), "x")

    def test_timestamps_parse_like_java_big_decimal_rounding_half_up(self):
        self.assertEqual(envelope.format_timestamp(1_000_001), "1.000001")
        self.assertEqual(envelope.format_timestamp(0), "0.000000")
        self.assertEqual(envelope.format_timestamp(1_732_300_000_000_000), "1732300000.000000")
        for text in ("1732300000.123456", "1732300000.1", "0.000001", "7", "1724680000.1234567", "1724680000.",
                     ".5", "1234567890123.5", " 17.25 ", "1e3", "0001.5", "1.7323E9", "+3.0000005"):
            with self.subTest(text=text):
                expected = int((Decimal(text.strip()) * 1_000_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
                self.assertEqual(envelope.parse_timestamp(text), expected)


class EntryTest(unittest.TestCase):
    """What a reader does with raw entries before the envelope: bounded, strict, never a crash."""

    @staticmethod
    def entry(fields):
        pairs = []
        for name, value in fields:
            pairs += [name if isinstance(name, bytes) else name.encode(),
                      value if isinstance(value, bytes) else value.encode()]
        return RawEntry("nautilus:engine_logic:risk_metric", "1-0", pairs)

    def test_an_envelope_decodes_with_its_origin(self):
        message = decode_entry(self.entry(seed_fields().items()), 1 << 20)
        self.assertEqual((message.stream, message.entry_id, message.id), ("nautilus:engine_logic:risk_metric", "1-0",
                                                                          "1-0"))

    def test_unknown_entry_forms_are_refused_with_a_clear_reason(self):
        with self.assertRaisesRegex(MalformedEnvelope, "entry forms other than an envelope or a packed entry are "
                                    "not read by this client") as e:
            decode_entry(self.entry([("format", "v1"), ("entries", "[...]")]), 1 << 20)
        self.assertIn("fields: entries, format", str(e.exception))

    def test_a_broken_envelope_with_unknown_fields_says_it_may_be_another_entry_form(self):
        fields = [("message_type", "risk_metric"), ("format", "3"), ("entries", "...")]
        with self.assertRaisesRegex(MalformedEnvelope, re.escape(
                "field 'source_engine' is missing (the entry also has fields this client does not know: entries, "
                "format; entry forms other than an envelope or a packed entry are not read by this client)")):
            decode_entry(self.entry(fields), 1 << 20)

    def test_a_packed_entry_splits_into_its_messages_in_order_each_checked_alone(self):
        good = [seed_fields(id="m-%d" % i, payload='{"i": %d}' % i) for i in range(3)]
        bad = seed_fields(id="m-bad", priority="critical")
        entry = RawEntry("s", "5-1", packed_pairs(4, resp_envelope(good[0]), resp_envelope(bad),
                                                  resp_envelope(good[1]), resp_envelope(good[2])))
        self.assertTrue(is_packed(entry))
        messages = unpack(entry, 1 << 20)
        self.assertEqual([m.id for m in messages], ["5-1/0", "5-1/1", "5-1/2", "5-1/3"])
        decoded = [decode_entry(m, 1 << 20) for m in messages[:1] + messages[2:]]
        self.assertEqual([(m.id, m.payload["i"], m.entry_id) for m in decoded],
                         [("m-0", 0, "5-1/0"), ("m-1", 1, "5-1/2"), ("m-2", 2, "5-1/3")])
        with self.assertRaisesRegex(MalformedEnvelope, "unknown priority 'critical'"):
            decode_entry(messages[1], 1 << 20)
        self.assertEqual(messages[1].body()[b"id"], b"m-bad")

    def test_a_packed_body_that_cannot_be_split_is_refused_whole(self):
        one = resp_envelope(seed_fields())
        for pairs, problem in (
                (packed_pairs(2, one), "field 'packed_body' is not envelopes in RESP: expected '*'"),
                (packed_pairs(1, one, one), "has %d bytes after the 1 envelopes" % len(one)),
                (packed_pairs(1, b"*2\r\n$5\r\nabc"), "runs past the end"),
                (packed_pairs(1, b"*1\r\n$1\r\na\r\n"), "not pairs"),
                (packed_pairs(1, b"*0\r\n"), "an envelope of 0 names and values"),
                (packed_pairs(0, one), "field 'packed' is not a count of messages from 1 to 1000"),
                (packed_pairs(1001, one), "from 1 to 1000"),
                ([b"packed", b"1"], "field 'packed_body' is missing"),
                (packed_pairs(1, one + b"x" * (2 << 20)), "over the limit of 1114112")):
            with self.subTest(problem=problem):
                with self.assertRaisesRegex(MalformedEnvelope, re.escape(problem)):
                    unpack(RawEntry("s", "1-1", pairs), 1 << 20)

    def test_sizes_encodings_and_repeats_are_checked(self):
        base = list(seed_fields().items())
        for fields, problem in (
                (base + [("f%d" % i, "x") for i in range(MAX_FIELDS)], "fields, over the limit of 64"),
                (base + [("topic", "t" * 70_000)], "field 'topic' is 70000 bytes, over the limit of 65536"),
                ([(k, v) for k, v in base if k != "payload"] + [("payload", "[" + "1," * 600 + "1]")],
                 "field 'payload' is 1203 bytes, over the limit of 1024"),
                (base + [("source_engine", "again")], "field 'source_engine' appears more than once"),
                (base + [("topic", b"risk.\xff")], "field 'topic' is not valid UTF-8"),
                (base + [(b"\xfe", "x")], "field name that is not valid UTF-8")):
            with self.subTest(problem=problem):
                with self.assertRaisesRegex(MalformedEnvelope, re.escape(problem)):
                    decode_entry(self.entry(fields), 1024)


if __name__ == "__main__":
    unittest.main()

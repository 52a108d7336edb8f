import unittest

from nautilus_bus import envelope
from nautilus_bus.dead_letters import dead_letter_fields, parse_dead_letter


class DeadLetterFieldsTest(unittest.TestCase):

    def test_a_letter_of_a_bridge_copy_leaves_the_bridge_fields_out_as_the_java_one_does(self):
        copy = {b"id": b"m-1", b"type": b"portfolio_update", b"mirror_origin": b"main", b"mirror_source_id": b"1-0"}
        fields = dead_letter_fields(copy, "nautilus:engine_logic:portfolio_update", "5-0", "risk", 1, "failed")
        self.assertEqual(fields[b"id"], b"m-1")
        self.assertNotIn(b"mirror_origin", fields)
        self.assertNotIn(b"mirror_source_id", fields)

    def test_the_bridge_copy_of_a_letter_reads_as_the_letter(self):
        pairs = [b"id", b"m-1", b"dead_group", b"risk", b"dead_id", b"5-0", b"mirror_origin", b"engine_logic",
                 b"mirror_source_id", b"7-0"]
        letter = parse_dead_letter(envelope.Bus.ENGINE_LOGIC, pairs)
        self.assertEqual(letter.group, "risk")
        self.assertEqual(letter.envelope, {"id": "m-1"})


if __name__ == "__main__":
    unittest.main()

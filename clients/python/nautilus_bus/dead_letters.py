"""The dead-letter stream of a bus, ``<prefix>:<bus>:dead`` (``DeadLetterStream.java``): each entry
is the original fields as received plus the six below, so it can be inspected and replayed."""

from dataclasses import dataclass, field
from typing import Dict

from . import envelope

REASON = "dead_reason"
STREAM = "dead_stream"
ID = "dead_id"
GROUP = "dead_group"
DELIVERIES = "dead_deliveries"
AT = "dead_at"

#: The two fields the migration bridge adds to the entries it copies (``MirrorFields.java``). They
#: describe a stream entry, not its message: a dead letter leaves them out, so that it is an
#: original where it is written and the bridge carries it to the other layout.
MIRROR_FIELDS = ("mirror_origin", "mirror_source_id")


@dataclass(frozen=True)
class DeadLetter:
    """A message given up on: undecodable, or its handler failed on every allowed delivery."""

    bus: envelope.Bus
    group: str
    stream: str
    original_id: str
    reason: str
    deliveries: int
    dead_at_micros: int
    #: The original fields as received (decoded as UTF-8, undecodable bytes replaced).
    envelope: Dict[str, str] = field(default_factory=dict)


def dead_letter_fields(original, stream, entry_id, group, deliveries, reason):
    """The fields of a dead letter: the original ones (bytes keys and values, kept as they were) and ours."""
    fields = {name: value for name, value in dict(original).items()
              if (name.decode() if isinstance(name, bytes) else name) not in MIRROR_FIELDS}
    for name, value in ((REASON, reason), (STREAM, stream), (ID, entry_id), (GROUP, group),
                        (DELIVERIES, str(deliveries)), (AT, envelope.format_timestamp(envelope.now_micros()))):
        fields[name.encode()] = value
    return fields


def parse_dead_letter(bus, pairs):
    """A dead letter from an entry's raw field/value list; lenient, as it is for inspection."""
    fields = {}
    for i in range(0, len(pairs) - 1, 2):
        name = pairs[i].decode("utf-8", "replace")
        if name not in MIRROR_FIELDS:  # the bridge's copy of the letter: its envelope is the message's
            fields[name] = (pairs[i + 1] or b"").decode("utf-8", "replace")
    try:
        deliveries = int(fields.pop(DELIVERIES, "0"))
    except ValueError:
        deliveries = 0
    try:
        at = envelope.parse_timestamp(fields.pop(AT, "0"))
    except envelope.MalformedEnvelope:
        at = 0
    return DeadLetter(bus, str(fields.pop(GROUP, None)), str(fields.pop(STREAM, None)), str(fields.pop(ID, None)),
                      str(fields.pop(REASON, None)), deliveries, at, fields)

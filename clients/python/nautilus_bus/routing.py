"""Which bus and stream each message type travels on (``RoutingTable.java``) and its priority
lanes on a single Redis (``StreamLanes.java``).

A type's stream is ``<prefix>:<bus>:<type>``, e.g. ``nautilus:engine_logic:risk_metric``; that is
the ``normal`` lane (the seeds' stream). Every other priority has a lane of its own with the
priority as suffix, e.g. ``nautilus:engine_logic:risk_metric:urgent``. A reader lists the lanes most
urgent first and Redis answers in that order, so an urgent message is handled before any backlog
of normal ones. The dead letters of a bus are ``<prefix>:<bus>:dead``.
"""

from .envelope import Bus, MessageType, Priority
from .topics import _java_is_whitespace

DEFAULT_PREFIX = "nautilus"


class RoutingTable:
    """The default routing (each type on its default bus), optionally with types moved to the other bus."""

    def __init__(self, prefix=DEFAULT_PREFIX, overrides=None):
        if not isinstance(prefix, str) or not prefix.strip() or any(_java_is_whitespace(c) for c in prefix):
            raise ValueError("stream prefix must be non-blank without whitespace, was '%s'" % (prefix,))
        self.prefix = prefix
        buses = {}
        for message_type, bus in (overrides or {}).items():
            buses[MessageType.from_wire(message_type)] = bus if isinstance(bus, Bus) else _bus_of_key(bus)
        self._buses = {t: buses.get(t, t.default_bus) for t in MessageType}

    def bus_of(self, message_type):
        """The bus the type goes to."""
        return self._buses[MessageType.from_wire(message_type)]

    def types_on(self, bus):
        """Every type routed to the bus, in the Java enum's order."""
        return [t for t in MessageType if self._buses[t] is bus]

    def stream_key(self, message_type):
        """The type's plain stream, its ``normal`` lane."""
        message_type = MessageType.from_wire(message_type)
        return "%s:%s:%s" % (self.prefix, self._buses[message_type].key, message_type.wire)

    def lane(self, message_type, priority):
        """The stream a message of this type and priority goes to."""
        priority = Priority.from_wire(priority)
        base = self.stream_key(message_type)
        return base if priority is Priority.NORMAL else base + ":" + priority.wire

    def lanes(self, message_types):
        """Every lane of the given types, most urgent first: ``[(stream, priority), ...]``."""
        ordered = [t for t in MessageType if t in {MessageType.from_wire(m) for m in message_types}]
        return [(self.lane(t, p), p) for p in Priority for t in ordered]

    def dead_letter_stream(self, bus):
        """``<prefix>:<bus>:dead``."""
        return "%s:%s:dead" % (self.prefix, bus.key)


def _bus_of_key(key):
    for bus in Bus:
        if key.lower() in (bus.key, bus.name.lower()):
            return bus
    raise ValueError("unknown bus '%s' (expected marketdata or engine_logic)" % (key,))

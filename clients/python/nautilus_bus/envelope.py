"""The Nautilus envelope: message types, priorities, buses, ids, timestamps, and the stream-entry
fields of one message, exactly as the Java bus writes and reads them (``EnvelopeCodec.java``).

Fields, in wire order: ``message_type`` (lower-case type), ``source_engine``, ``payload`` (JSON
text), ``priority`` (lower-case name), ``timestamp`` (Unix seconds with six decimals), ``id``,
``topic``, and when set ``correlation_id`` and ``reply_to``. The first five are the seeds' format
and required; without ``id`` a reader uses the stream entry id, without ``topic`` the type's wire
name.
"""

import decimal
import enum
import itertools
import json
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any, Optional

from .topics import _java_is_whitespace, is_valid_topic, require_valid_topic

MESSAGE_TYPE = "message_type"
SOURCE_ENGINE = "source_engine"
PAYLOAD = "payload"
PRIORITY = "priority"
TIMESTAMP = "timestamp"
ID = "id"
TOPIC = "topic"
CORRELATION_ID = "correlation_id"
REPLY_TO = "reply_to"

#: The Java codec's default bound on a payload's UTF-8 size.
DEFAULT_MAX_PAYLOAD_BYTES = 1 << 20


class Bus(enum.Enum):
    """The two buses: market data on one Redis, engine-to-engine messages on another."""

    MARKETDATA = ("marketdata", "MarketData")
    ENGINE_LOGIC = ("engine_logic", "Engine Logic")

    def __init__(self, key, display_name):
        self.key = key
        self.display_name = display_name


class MessageType(enum.Enum):
    """Every kind of message, with the bus it travels on by default (``MessageType.java``)."""

    MARKET_DATA = ("market_data", Bus.MARKETDATA)
    PRICE_UPDATE = ("price_update", Bus.MARKETDATA)
    TRADE_EXECUTION = ("trade_execution", Bus.MARKETDATA)
    VPIN_CALCULATION = ("vpin_calculation", Bus.ENGINE_LOGIC)
    RISK_METRIC = ("risk_metric", Bus.ENGINE_LOGIC)
    ML_PREDICTION = ("ml_prediction", Bus.ENGINE_LOGIC)
    FACTOR_CALCULATION = ("factor_calculation", Bus.ENGINE_LOGIC)
    FEATURE_CALCULATION = ("feature_calculation", Bus.ENGINE_LOGIC)
    ANALYTICS_RESULT = ("analytics_result", Bus.ENGINE_LOGIC)
    STRATEGY_SIGNAL = ("strategy_signal", Bus.ENGINE_LOGIC)
    PORTFOLIO_UPDATE = ("portfolio_update", Bus.ENGINE_LOGIC)
    COLLATERAL_UPDATE = ("collateral_update", Bus.ENGINE_LOGIC)
    ENGINE_HEALTH = ("engine_health", Bus.ENGINE_LOGIC)
    PERFORMANCE_METRIC = ("performance_metric", Bus.ENGINE_LOGIC)
    SYSTEM_COORDINATION = ("system_coordination", Bus.ENGINE_LOGIC)

    def __init__(self, wire, default_bus):
        #: The wire form, e.g. ``price_update``.
        self.wire = wire
        #: The bus this type travels on unless the routing says otherwise.
        self.default_bus = default_bus

    @classmethod
    def from_wire(cls, value):
        """Parses the wire form (or a member), case-insensitively; ValueError naming an unknown one."""
        return _parse_wire(cls, _TYPES_BY_WIRE, value, "unknown message type '%s'")


class Priority(enum.Enum):
    """Delivery priority, most urgent first: a reader handles a higher one before any lower backlog."""

    FLASH_CRASH = 0
    URGENT = 1
    HIGH = 2
    NORMAL = 3
    LOW = 4

    @property
    def rank(self):
        return self.value

    @property
    def wire(self):
        """The wire form, e.g. ``flash_crash``."""
        return self.name.lower()

    @classmethod
    def from_wire(cls, value):
        """Parses the wire form (or a member), case-insensitively; ValueError naming an unknown one."""
        return _parse_wire(cls, _PRIORITIES_BY_WIRE, value,
                           "unknown priority '%s' (expected flash_crash, urgent, high, normal or low)")


def _parse_wire(enum_type, by_wire, value, unknown):
    """A member given itself or its wire form (or constant name), case-insensitively, as Java's fromWire."""
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        member = by_wire.get(value.lower())
        if member is not None:
            return member
    raise ValueError(unknown % (value,))


_TYPES_BY_WIRE = {t.wire: t for t in MessageType}
_PRIORITIES_BY_WIRE = {p.wire: p for p in Priority}


@dataclass(frozen=True)
class Message:
    """One received (or published) message; ``payload`` is the parsed JSON, ``payload_json`` its text."""

    id: str
    type: MessageType
    topic: str
    source_engine: str
    priority: Priority
    timestamp_micros: int
    payload: Any
    payload_json: str
    correlation_id: Optional[str] = None
    reply_to: Optional[str] = None
    #: Where it was read from (set by a reader): the stream key and the entry id.
    stream: Optional[str] = None
    entry_id: Optional[str] = None


class MalformedEnvelope(Exception):
    """An entry that cannot be turned into a message; names the offending field (Java's wording)."""

    def __init__(self, field, reason):
        super().__init__("malformed envelope: field '%s' %s" % (field, reason))
        self.field = field


class PayloadError(ValueError):
    """A payload that cannot be published: not JSON-serialisable, or over the size limit."""


# --- ids -------------------------------------------------------------------------------------

_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(n):
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(_DIGITS36[r])
    return "".join(reversed(out))


# As MessageIds.java: 40 random bits per process, base 36, padded to 8, then a counter in base 36.
_ID_PREFIX = _base36(secrets.randbits(40)).rjust(8, "0") + "-"
_ID_COUNTER = itertools.count(1)


def new_id():
    """A fresh message id in the Java bus's form, e.g. ``k2x9q7mb-1z``; ``next`` on a count is atomic."""
    return _ID_PREFIX + _base36(next(_ID_COUNTER))


# --- timestamps ------------------------------------------------------------------------------

def now_micros():
    return time.time_ns() // 1000


def format_timestamp(micros):
    """Microseconds since the epoch as Unix seconds with six decimals, e.g. ``1732300000.000123``."""
    seconds, fraction = divmod(int(micros), 1_000_000)
    return "%d.%06d" % (seconds, fraction)


_PLAIN_TIMESTAMP = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,6})?\Z")
# java.math.BigDecimal's grammar: sign, digits with an optional point, optional exponent.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_MAX_LONG = (1 << 63) - 1


def parse_timestamp(text):
    """Unix seconds written as a decimal number (``str(time.time())``, an integer, scientific
    notation) as microseconds, rounding half up; MalformedEnvelope for anything else."""
    if _PLAIN_TIMESTAMP.match(text):
        whole, _, fraction = text.partition(".")
        return int(whole) * 1_000_000 + int(fraction.ljust(6, "0") or "0")
    # Java trims characters up to U+0020 before parsing.
    trimmed = text.strip("".join(chr(c) for c in range(33)))
    if not _DECIMAL.match(trimmed):
        raise MalformedEnvelope(TIMESTAMP, "is not a decimal number of Unix seconds: '%s'" % text)
    context = decimal.Context(prec=len(trimmed) + 20, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
    seconds = context.create_decimal(trimmed)
    if seconds < 0:
        raise MalformedEnvelope(TIMESTAMP, "is negative: '%s'" % text)
    # Bound the magnitude before turning it into an int: 1e999999999 must not build a huge number.
    if seconds != 0 and seconds.adjusted() > 18:
        raise MalformedEnvelope(TIMESTAMP, "is not a decimal number of Unix seconds: '%s'" % text)
    scaled = context.scaleb(seconds, 6)
    micros = int(scaled.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP, context=context))
    if micros > _MAX_LONG:
        raise MalformedEnvelope(TIMESTAMP, "is not a decimal number of Unix seconds: '%s'" % text)
    return micros


# --- encoding --------------------------------------------------------------------------------

def encode_payload(payload, max_payload_bytes=DEFAULT_MAX_PAYLOAD_BYTES):
    """JSON text of a payload, refused (PayloadError) when not serialisable or over the limit."""
    try:
        text = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        size = len(text.encode("utf-8"))
    except (TypeError, ValueError, RecursionError) as error:
        raise PayloadError("cannot encode payload as JSON: %s" % error) from error
    if size > max_payload_bytes:
        raise PayloadError("payload is %d bytes, over the limit of %d" % (size, max_payload_bytes))
    return text


def encode(message):
    """The stream-entry fields of a message, in wire order, as a dict (insertion-ordered)."""
    fields = {
        MESSAGE_TYPE: message.type.wire,
        SOURCE_ENGINE: message.source_engine,
        PAYLOAD: message.payload_json,
        PRIORITY: message.priority.wire,
        TIMESTAMP: format_timestamp(message.timestamp_micros),
        ID: message.id,
        TOPIC: message.topic,
    }
    if message.correlation_id is not None:
        fields[CORRELATION_ID] = message.correlation_id
    if message.reply_to is not None:
        fields[REPLY_TO] = message.reply_to
    return fields


def new_message(message_type, topic, payload, source_engine, priority=Priority.NORMAL, correlation_id=None,
                reply_to=None, max_payload_bytes=DEFAULT_MAX_PAYLOAD_BYTES, message_id=None, timestamp_micros=None):
    """A message to publish, validated as the Java ``Message.Builder`` does (ValueError naming the field)."""
    message_type = MessageType.from_wire(message_type)
    priority = Priority.from_wire(priority)
    require_valid_topic(topic)
    if reply_to is not None:
        require_valid_topic(reply_to)
    if not isinstance(source_engine, str) or _is_blank(source_engine):
        raise ValueError("message field 'source_engine' is missing or blank")
    if message_id is not None and (not isinstance(message_id, str) or _is_blank(message_id)):
        raise ValueError("message field 'id' is missing or blank")
    text = encode_payload(payload, max_payload_bytes)
    return Message(
        id=message_id or new_id(),
        type=message_type,
        topic=topic,
        source_engine=source_engine,
        priority=priority,
        timestamp_micros=now_micros() if timestamp_micros is None else int(timestamp_micros),
        payload=payload,
        payload_json=text,
        correlation_id=correlation_id,
        reply_to=reply_to,
    )


# --- decoding --------------------------------------------------------------------------------

def _is_blank(value):
    return all(_java_is_whitespace(c) for c in value)


def _required(fields, name):
    value = fields.get(name)
    if value is None:
        raise MalformedEnvelope(name, "is missing")
    if _is_blank(value):
        raise MalformedEnvelope(name, "is blank")
    return value


def _optional(fields, name, fallback):
    value = fields.get(name)
    return fallback if value is None or _is_blank(value) else value


def _reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def parse_payload(text):
    """The JSON value of a payload text; ValueError for what Jackson would refuse too (NaN, trailing text)."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("payload is not valid JSON: nested too deeply") from None
    except ValueError as error:
        raise ValueError("payload is not valid JSON: %s" % error) from None


def decode(fields, fallback_id, max_payload_bytes=DEFAULT_MAX_PAYLOAD_BYTES):
    """Decodes entry fields (``dict`` of ``str``); checks them in the Java codec's order and raises
    MalformedEnvelope naming the first field that is missing or bad."""
    try:
        message_type = MessageType.from_wire(_required(fields, MESSAGE_TYPE))
    except ValueError as error:
        raise MalformedEnvelope(MESSAGE_TYPE, str(error)) from None
    source = _required(fields, SOURCE_ENGINE)
    try:
        priority = Priority.from_wire(_required(fields, PRIORITY))
    except ValueError as error:
        raise MalformedEnvelope(PRIORITY, str(error)) from None
    timestamp = parse_timestamp(_required(fields, TIMESTAMP))
    payload_text = _required(fields, PAYLOAD)
    size = len(payload_text.encode("utf-8", "surrogatepass"))
    if size > max_payload_bytes:
        raise MalformedEnvelope(PAYLOAD, "is %d bytes, over the limit of %d" % (size, max_payload_bytes))
    try:
        payload = parse_payload(payload_text)
    except ValueError as error:
        raise MalformedEnvelope(PAYLOAD, str(error)) from None
    message_id = _optional(fields, ID, fallback_id)
    if message_id is None or _is_blank(message_id):
        raise MalformedEnvelope(ID, "is missing and no fallback id was given")
    topic = _optional(fields, TOPIC, message_type.wire)
    if not is_valid_topic(topic):
        raise MalformedEnvelope(TOPIC, "'%s' is not a valid topic" % topic)
    reply_to = fields.get(REPLY_TO)
    if reply_to is not None and not is_valid_topic(reply_to):
        raise MalformedEnvelope(REPLY_TO, "'%s' is not a valid topic" % reply_to)
    return Message(
        id=message_id,
        type=message_type,
        topic=topic,
        source_engine=source,
        priority=priority,
        timestamp_micros=timestamp,
        payload=payload,
        payload_json=payload_text,
        correlation_id=fields.get(CORRELATION_ID),
        reply_to=reply_to,
    )

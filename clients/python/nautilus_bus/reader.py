"""One consumer of one group on one bus, with the Java reader's semantics (``ConsumerGroupReader``,
``EntryDelivery``, ``PendingClaimer``, ``BatchAcknowledger``, ``DeadLetterStream``):

* one ``XREADGROUP GROUP g c COUNT n [BLOCK ms] STREAMS <lanes, most urgent first> <ids>``; at start
  and after a failure it first re-reads its own pending entries (``0``) until none are left;
* each entry is checked strictly (field count, sizes, UTF-8, the envelope) and a malformed one is
  dead-lettered at once with the reason, never handed to the handler nor allowed to stop the loop;
* a handler that raises is called again at once, up to ``max_deliveries`` attempts, then the
  message is dead-lettered with ``handler failed N times: <error>``; a ``MemoryError`` says nothing
  about the message and leaves it pending, to be read again after a pause;
* entries are acknowledged (``XACK``) after handling; the acknowledgements of a batch leave in the
  same round trip as the next read (one pipeline), or at once when the reader stops;
* between reads, entries that other (dead) consumers left pending longer than ``claim_idle`` are
  taken over (``XAUTOCLAIM``); the deliveries they used count towards the limit;
* a *packed* entry (fields ``packed`` and ``packed_body``, which a Java publisher writes for the types
  of its ``bus.packed_types``) holds several messages: each is delivered as an entry of its own (id
  ``<entry id>/<index>``), dead-lettered alone if it fails, and the entry is acknowledged once all of
  them are done with; interrupted, it stays pending and all its messages come back (their ids are
  the same, so a consumer that remembers them drops those handled already).

A dead letter is the original fields plus ``dead_reason``, ``dead_stream``, ``dead_id``,
``dead_group``, ``dead_deliveries`` and ``dead_at`` on ``<prefix>:<bus>:dead``: the form the Java
``MessageBus.deadLetters`` reads. It is written, and Redis has taken it, before the original is
acknowledged.
"""

import dataclasses
import logging
import time

import redis

from . import envelope
from .dead_letters import dead_letter_fields
from .envelope import MalformedEnvelope

LOG = logging.getLogger("nautilus_bus")

#: Most fields an entry may have (an envelope has at most nine; other writers may add a few).
MAX_FIELDS = 64
#: Largest value of a field other than the payload, in bytes.
MAX_FIELD_BYTES = 64 * 1024
#: Most messages in one packed entry (Java's EnvelopeLimits.MAX_PACKED_MESSAGES).
MAX_PACKED_MESSAGES = 1000
#: A packed body may always be this long; beyond, it may be the payload limit plus PACKED_SLACK_BYTES.
MIN_PACKED_BODY_BYTES = 1 << 20
PACKED_SLACK_BYTES = 64 * 1024
PACKED = "packed"
PACKED_BODY = "packed_body"
#: Pages of XAUTOCLAIM per lane and claim round, so that new entries are never held up for long.
MAX_CLAIM_PAGES = 100
_CLAIM_START = "0-0"
_ENVELOPE_FIELDS = frozenset((envelope.MESSAGE_TYPE, envelope.SOURCE_ENGINE, envelope.PAYLOAD, envelope.PRIORITY,
                              envelope.TIMESTAMP, envelope.ID, envelope.TOPIC, envelope.CORRELATION_ID,
                              envelope.REPLY_TO))
_HEAL_INTERVAL = 1.0


class Backoff:
    """100 ms, doubled on every failure in a row up to 2 s, back to 100 ms after a success (Java's Backoff)."""

    MIN, MAX = 0.1, 2.0

    def __init__(self):
        self.next = self.MIN

    def pause(self, stop_event):
        stop_event.wait(self.next)
        self.next = min(self.next * 2, self.MAX)

    def reset(self):
        self.next = self.MIN


class RawEntry:
    """A stream entry as Redis sent it: stream, entry id, and the field/value pairs as bytes (None if trimmed)."""

    __slots__ = ("stream", "id", "pairs")

    def __init__(self, stream, entry_id, pairs):
        self.stream = stream
        self.id = entry_id
        self.pairs = pairs

    def body(self):
        """The fields as bytes, in entry order, for a dead letter (a repeated field keeps its last value)."""
        body = {}
        pairs = self.pairs or []
        for i in range(0, len(pairs) - 1, 2):
            body[pairs[i]] = pairs[i + 1] if pairs[i + 1] is not None else b""
        return body


def max_packed_body_bytes(max_payload_bytes):
    """The longest ``packed_body`` (Java's EnvelopeLimits.maxPackedBodyBytes)."""
    return max(max_payload_bytes + PACKED_SLACK_BYTES, MIN_PACKED_BODY_BYTES)


def is_packed(entry):
    """Whether the entry is a packed one: it has a ``packed`` field."""
    pairs = entry.pairs or []
    return any(pairs[i] == PACKED.encode() for i in range(0, len(pairs) - 1, 2))


class _Body:
    """Reads the RESP framing of a packed body, each step checked against what is left."""

    def __init__(self, data):
        self.data = data
        self.at = 0

    def broken(self, what):
        return MalformedEnvelope(PACKED_BODY, "is not envelopes in RESP: %s at byte %d" % (what, self.at))

    def header(self, kind):
        data = self.data
        if self.at >= len(data) or data[self.at:self.at + 1] != kind:
            raise self.broken("expected '%s'" % kind.decode())
        end = data.find(b"\r\n", self.at + 1, self.at + 13)
        digits = data[self.at + 1:end] if end > 0 else b""
        if not digits.isdigit():
            raise self.broken("a bad length after '%s'" % kind.decode())
        self.at = end + 2
        return int(digits)

    def take(self, length):
        start = self.at
        if length > len(self.data) - start - 2:
            raise self.broken("a value of %d bytes runs past the end" % length)
        if self.data[start + length:start + length + 2] != b"\r\n":
            self.at = start + length
            raise self.broken("a value not followed by CRLF")
        self.at = start + length + 2
        return self.data[start:start + length]


def unpack(entry, max_payload_bytes):
    """The messages of a packed entry as RawEntry objects, in order, each with the id
    ``<entry id>/<index>``; MalformedEnvelope when the count or the body's framing is broken (the
    entry is then dead-lettered whole). Each message is checked like an entry by decode_entry."""
    fields = entry.body()
    count_text = fields.get(PACKED.encode(), b"")
    if not (count_text.isdigit() and len(count_text) <= 4 and 1 <= int(count_text) <= MAX_PACKED_MESSAGES):
        raise MalformedEnvelope(PACKED, "is not a count of messages from 1 to %d: %r"
                                % (MAX_PACKED_MESSAGES, _text(count_text[:40])))
    body = fields.get(PACKED_BODY.encode())
    if body is None:
        raise MalformedEnvelope(PACKED_BODY, "is missing")
    limit = max_packed_body_bytes(max_payload_bytes)
    if len(body) > limit:
        raise MalformedEnvelope(PACKED_BODY, "is %d bytes, over the limit of %d" % (len(body), limit))
    count = int(count_text)
    reader = _Body(body)
    messages = []
    for index in range(count):
        values = reader.header(b"*")
        if values == 0 or values % 2:  # none would read as an entry trimmed away
            raise reader.broken("an envelope of %d names and values, not pairs" % values)
        message_pairs = [reader.take(reader.header(b"$")) for _ in range(values)]
        messages.append(RawEntry(entry.stream, "%s/%d" % (entry.id, index), message_pairs))
    if reader.at != len(body):
        raise MalformedEnvelope(PACKED_BODY, "has %d bytes after the %d envelopes its count announces"
                                % (len(body) - reader.at, count))
    return messages


class _Stopped(Exception):
    """The reader was stopped inside a packed entry: it is not acknowledged and comes back whole."""


class _Redeliver(Exception):
    """A MemoryError out of a handler: leave the entry pending and pause."""

    def __init__(self, error):
        super().__init__(str(error))
        self.error = error


def _text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _describe(error):
    """Like Java's Throwable.toString(): the class, then the message if there is one."""
    text = str(error)
    return type(error).__qualname__ + (": " + text if text else "")


def entry_fields(entry, max_payload_bytes):
    """The fields of an entry as text, checked for count, sizes, UTF-8 and repeats (MalformedEnvelope)."""
    pairs = entry.pairs
    if len(pairs) % 2:
        raise MalformedEnvelope("entry", "has an odd number of field/value items (%d)" % len(pairs))
    if len(pairs) // 2 > MAX_FIELDS:
        raise MalformedEnvelope("entry", "has %d fields, over the limit of %d" % (len(pairs) // 2, MAX_FIELDS))
    fields = {}
    for i in range(0, len(pairs), 2):
        raw_name, raw_value = pairs[i], pairs[i + 1] or b""
        if len(raw_name) > 256:
            raise MalformedEnvelope(_text(raw_name[:40]) + "…", "is a field name of %d bytes, over the limit of 256"
                                    % len(raw_name))
        try:
            name = raw_name.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedEnvelope(_text(raw_name), "is a field name that is not valid UTF-8") from None
        limit = max_payload_bytes if name == envelope.PAYLOAD else MAX_FIELD_BYTES
        if len(raw_value) > limit:
            raise MalformedEnvelope(name, "is %d bytes, over the limit of %d" % (len(raw_value), limit))
        try:
            value = raw_value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise MalformedEnvelope(name, "is not valid UTF-8 (byte %d)" % error.start) from None
        if name in fields:
            raise MalformedEnvelope(name, "appears more than once")
        fields[name] = value
    return fields


def decode_entry(entry, max_payload_bytes):
    """The message of an entry; MalformedEnvelope with the reason for anything the Java side would not
    read, and for entry forms this client does not know (a packed entry is split by unpack first)."""
    fields = entry_fields(entry, max_payload_bytes)
    if envelope.MESSAGE_TYPE not in fields and envelope.PAYLOAD not in fields:
        names = sorted(fields)
        shown = ", ".join(n[:40] for n in names[:10]) + (", …" if len(names) > 10 else "")
        raise MalformedEnvelope(envelope.MESSAGE_TYPE, "is missing: not a single-message envelope (fields: %s); "
                                "entry forms other than an envelope or a packed entry are not read by this client"
                                % (shown or "none"))
    try:
        message = envelope.decode(fields, entry.id, max_payload_bytes)
    except MalformedEnvelope as error:
        unknown = sorted(name for name in fields if name not in _ENVELOPE_FIELDS)
        if not unknown:
            raise
        # Say that the entry may be of another form, not only what is missing.
        raise MalformedEnvelope(error.field, "%s (the entry also has fields this client does not know: %s; entry "
                                "forms other than an envelope or a packed entry are not read by this client)"
                                % (str(error).split("' ", 1)[1], ", ".join(n[:40] for n in unknown[:10]))) from None
    return dataclasses.replace(message, stream=entry.stream, entry_id=entry.id)


def _entries(raw, stream=None):
    """RawEntry objects of the entries of one stream in a raw reply."""
    out = []
    for item in raw or []:
        if item is None:
            continue
        entry_id = _text(item[0])
        pairs = item[1] if len(item) > 1 else None
        out.append(RawEntry(stream, entry_id, list(pairs) if pairs else None))
    return out


class GroupReader:
    """Reads one subscription's lanes on one bus for one consumer; used by one thread at a time."""

    def __init__(self, subscription, bus, client, routing, settings):
        self.subscription = subscription
        self.bus = bus
        self._client = client
        self._settings = settings
        self._group = subscription.group
        self._consumer = subscription.consumer
        types = [t for t in subscription.types if routing.bus_of(t) is bus]
        self.lanes = [stream for stream, _ in routing.lanes(types)]
        self._dead_letters = routing.dead_letter_stream(bus)
        self._acks = {}
        self._read_pending = True
        self._next_claim = time.monotonic() + settings.claim_interval
        self._last_heal = None
        self._running = True
        #: Whether the reader is in a round trip to Redis (possibly blocked), not handling.
        self.reading = False

    # --- lifecycle -------------------------------------------------------------------------

    def create_groups(self, start):
        """``XGROUP CREATE <lane> <group> <start> MKSTREAM`` on every lane; an existing group is fine."""
        pipe = self._client.pipeline(transaction=False)
        for stream in self.lanes:
            pipe.execute_command("XGROUP", "CREATE", stream, self._group, start, "MKSTREAM")
        for result in pipe.execute(raise_on_error=False):
            if isinstance(result, Exception) and "BUSYGROUP" not in str(result):
                raise result

    def stop(self):
        """After the entry in hand: deliver nothing more; the queued acknowledgements are sent at once."""
        self._running = False

    @property
    def running(self):
        return self._running

    def interrupt(self):
        """Drops the connection: a blocked read ends at once (close() uses it while the reader waits)."""
        try:
            self._client.connection_pool.disconnect()
        except (AttributeError, OSError):
            pass  # the reader, woken by the shutdown, closed the socket at the same moment

    def flush_acks(self):
        """Sends the queued acknowledgements now; an ack lost here only means a redelivery later."""
        if not self._acks:
            return
        pipe = self._client.pipeline(transaction=False)
        self._queue_acks(pipe)
        try:
            pipe.execute(raise_on_error=False)
        except redis.RedisError as error:
            LOG.warning("group %s on the %s bus: acknowledgements not sent (%s); they will be delivered again",
                        self._group, self.bus.display_name, error)

    # --- one round -------------------------------------------------------------------------

    def poll(self, block_ms):
        """One round: claim from dead consumers when due, read (pending first, else blocking up to
        ``block_ms``; 0 does not block), deliver. Returns how many entries were read.
        Heals a missing group (``NOGROUP``); other Redis errors are raised, with nothing lost."""
        if not self._running:
            return 0
        try:
            if time.monotonic() >= self._next_claim:
                self._next_claim = time.monotonic() + self._settings.claim_interval
                self._claim_from_dead_consumers()
            entries = self._read(None) if self._read_pending else []
            if not entries:
                # Nothing (left) pending: what is new, waiting up to block_ms for it.
                self._read_pending = False
                entries = self._read(block_ms or 0)
            self._deliver_all(entries, None)
            return len(entries)
        except _Redeliver as later:
            self._read_pending = True
            raise later.error
        except redis.ResponseError as error:
            text = str(error)
            if text.startswith("NOGROUP") or text.startswith("UNBLOCKED"):
                self._heal(text)
                return 0
            self._read_pending = True
            raise
        except redis.RedisError:
            self._read_pending = True
            raise

    def _heal(self, error):
        now = time.monotonic()
        if self._last_heal is not None and now - self._last_heal < _HEAL_INTERVAL:
            LOG.error("group %s on the %s bus missing again right after being recreated (%s); backing off",
                      self._group, self.bus.display_name, error)
            time.sleep(_HEAL_INTERVAL)
        self._last_heal = time.monotonic()
        # The streams are new (deleted, or Redis restarted empty): everything in them is unseen.
        self.create_groups("0")
        self._acks.clear()
        LOG.warning("recreated consumer group %s on %d streams of the %s bus after: %s", self._group,
                    len(self.lanes), self.bus.display_name, error)

    def _queue_acks(self, pipe):
        for stream, ids in self._acks.items():
            pipe.execute_command("XACK", stream, self._group, *ids)
        self._acks = {}

    def _read(self, block_ms):
        """The queued acknowledgements and one XREADGROUP, in one round trip."""
        pipe = self._client.pipeline(transaction=False)
        acks = len(self._acks)
        self._queue_acks(pipe)
        command = ["XREADGROUP", "GROUP", self._group, self._consumer, "COUNT", self._settings.read_count]
        pending = block_ms is None
        if not pending and block_ms > 0:
            command += ["BLOCK", int(block_ms)]
        command += ["STREAMS"] + self.lanes + (["0"] if pending else [">"]) * len(self.lanes)
        pipe.execute_command(*command)
        self.reading = True
        try:
            results = pipe.execute(raise_on_error=False)
        finally:
            self.reading = False
        for refused in results[:acks]:
            if isinstance(refused, Exception):
                LOG.warning("group %s on the %s bus: XACK refused: %s", self._group, self.bus.display_name, refused)
        reply = results[-1]
        if isinstance(reply, Exception):
            raise reply
        entries = []
        for stream_reply in reply or []:
            entries.extend(_entries(stream_reply[1], _text(stream_reply[0])))
        return entries

    # --- delivery --------------------------------------------------------------------------

    def _deliver_all(self, entries, previous_deliveries):
        """Delivers in order and queues the acknowledgement of each entry done with; a MemoryError out
        of the handler stops the batch, leaving that entry and the rest pending."""
        try:
            for entry in entries:
                if not self._running:
                    break
                previous = previous_deliveries.get(entry.id, 1) - 1 if previous_deliveries is not None else 0
                try:
                    if entry.pairs and is_packed(entry):
                        self._deliver_packed(entry, max(0, previous))
                    else:
                        self._deliver(entry, max(0, previous))
                except _Stopped:
                    break
                self._acks.setdefault(entry.stream, []).append(entry.id)
        finally:
            if not self._running:
                self.flush_acks()

    def _deliver_packed(self, entry, previous):
        """Each message of a packed entry as an entry of its own; a body that cannot be split is
        dead-lettered whole, as an undecodable entry."""
        try:
            messages = unpack(entry, self._settings.max_payload_bytes)
        except MalformedEnvelope as error:
            self._dead_letter(entry, previous + 1, "undecodable: %s" % error)
            return
        for message in messages:
            if not self._running:
                raise _Stopped()
            self._deliver(message, previous)

    def _deliver(self, entry, previous):
        settings = self._settings
        if previous >= settings.max_deliveries:
            self._dead_letter(entry, previous, "delivered %d times without an acknowledgement (consumer died each time)"
                              % previous)
            return
        if not entry.pairs:
            return  # trimmed away (MAXLEN) while pending: nothing left to deliver
        try:
            message = decode_entry(entry, settings.max_payload_bytes)
        except MalformedEnvelope as error:
            self._dead_letter(entry, previous + 1, "undecodable: %s" % error)
            return
        if not self.subscription.matches(message.topic):
            return
        deliveries = previous
        while True:
            deliveries += 1
            try:
                self.subscription.handle(message)
                return
            except MemoryError as error:
                raise _Redeliver(error) from None
            except Exception as error:  # a handler's failure, whatever it is, is the message's
                if deliveries >= settings.max_deliveries:
                    self._dead_letter(entry, deliveries, "handler failed %d times: %s" % (deliveries, _describe(error)))
                    return
                LOG.debug("handler of group %s failed on %s (attempt %d): %s", self._group, message.id, deliveries,
                          _describe(error))

    def _dead_letter(self, entry, deliveries, reason):
        """Writes the dead letter and waits for Redis to take it; raised errors leave the entry pending."""
        fields = dead_letter_fields(entry.body(), entry.stream, entry.id, self._group, deliveries, reason)
        args = ["XADD", self._dead_letters, "MAXLEN", "~", self._settings.stream_maxlen, "*"]
        for name, value in fields.items():
            args += [name, value]
        self._client.execute_command(*args)
        LOG.warning("dead-lettered %s %s of group %s on the %s bus: %s", entry.stream, entry.id, self._group,
                    self.bus.display_name, reason)

    # --- claiming --------------------------------------------------------------------------

    def _claim_from_dead_consumers(self):
        pipe = self._client.pipeline(transaction=False)
        for stream in self.lanes:
            self._autoclaim(pipe, stream, _CLAIM_START)
        first_pages = pipe.execute()
        for stream, page in zip(self.lanes, first_pages):
            pages = 0
            while self._running:
                cursor, entries = _text(page[0]), _entries(page[1], stream)
                if entries:
                    LOG.info("group %s consumer %s claimed %d pending entries of %s from dead consumers", self._group,
                             self._consumer, len(entries), stream)
                    self._deliver_all(entries, self._delivery_counts(stream, entries))
                pages += 1
                if cursor == _CLAIM_START or pages >= MAX_CLAIM_PAGES:
                    break
                pipe = self._client.pipeline(transaction=False)
                self._autoclaim(pipe, stream, cursor)
                page = pipe.execute()[0]

    def _autoclaim(self, pipe, stream, cursor):
        pipe.execute_command("XAUTOCLAIM", stream, self._group, self._consumer,
                             int(self._settings.claim_idle * 1000), cursor, "COUNT", self._settings.read_count)

    def _delivery_counts(self, stream, entries):
        """How often Redis delivered each claimed entry (XAUTOCLAIM counted this delivery already)."""
        reply = self._client.execute_command("XPENDING", stream, self._group, entries[0].id, entries[-1].id,
                                             len(entries) * 2, self._consumer)
        return {_text(item[0]): int(item[3]) for item in reply or []}


"""``DualBusClient``: publish and subscribe on the two Nautilus buses from Python, routing each
message type to its bus as the Java ``RoutingTable`` does."""

import dataclasses
import logging
import os
import re
import threading

import redis

from .dead_letters import parse_dead_letter
from .envelope import DEFAULT_MAX_PAYLOAD_BYTES, Bus, MessageType, Priority, encode, new_message
from .reader import Backoff, GroupReader
from .routing import DEFAULT_PREFIX, RoutingTable
from .topics import TopicPattern

LOG = logging.getLogger("nautilus_bus")

_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,100}\Z")
# Replies the reader parses itself, as bytes: redis-py's parsers would turn repeated fields into
# one and fail on the empty body of an entry trimmed while pending.
_RAW_REPLIES = ("XREADGROUP", "XAUTOCLAIM", "XPENDING", "XADD", "XACK", "XREVRANGE", "XRANGE")


@dataclasses.dataclass(frozen=True)
class Settings:
    """The Java ``RedisBusConfig`` defaults; times in seconds unless the name says ms."""

    #: ``COUNT`` of each ``XREADGROUP``, per stream.
    read_count: int = 500
    #: ``BLOCK`` of each ``XREADGROUP``: how long one read waits on the server.
    block_ms: int = 2000
    #: Pending entries idle this long are claimed from their (dead) consumer.
    claim_idle: float = 30.0
    #: Handler attempts before a message is dead-lettered.
    max_deliveries: int = 5
    #: Approximate ``MAXLEN`` of every stream written (retention bound).
    stream_maxlen: int = 100_000
    #: Largest payload published or accepted, in UTF-8 bytes.
    max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES
    #: How long a command may take before the connection counts as failing.
    command_timeout: float = 10.0
    #: Where a newly created group starts: ``"new"`` (messages published from now on) or ``"start"``.
    new_groups_from: str = "new"

    def __post_init__(self):
        for name in ("read_count", "block_ms", "max_deliveries", "stream_maxlen", "max_payload_bytes"):
            if int(getattr(self, name)) < 1:
                raise ValueError("%s must be positive, was %r" % (name, getattr(self, name)))
        if self.claim_idle <= 0 or self.command_timeout <= 0:
            raise ValueError("claim_idle and command_timeout must be positive")
        if self.new_groups_from not in ("new", "start"):
            raise ValueError("new_groups_from must be 'new' or 'start', was %r" % (self.new_groups_from,))

    @property
    def claim_interval(self):
        """How often a reader looks for entries of dead consumers: half of claim_idle, at least 200 ms."""
        return max(self.claim_idle / 2, 0.2)


class Subscription:
    """One consumer of one group: the types it reads, the topic patterns it matches, its handler.
    The handler is never called concurrently, even when the types span both buses."""

    def __init__(self, group, consumer, types, patterns, handler):
        for value, what in ((group, "group"), (consumer, "consumer")):
            if not isinstance(value, str) or not _NAME.match(value):
                raise ValueError("%s name '%s' must be 1-100 characters of letters, digits, '_', '.' or '-'"
                                 % (what, value))
        if isinstance(patterns, str):
            patterns = [patterns]
        if not patterns:
            raise ValueError("subscription of group '%s' has no topic pattern" % group)
        if isinstance(types, (str, MessageType)):
            types = [types]
        types = [MessageType.from_wire(t) for t in types or []]
        if not types:
            raise ValueError("subscription of group '%s' reads no message type" % group)
        if not callable(handler):
            raise ValueError("handler of group '%s' is not callable" % group)
        self.group = group
        self.consumer = consumer
        self.types = tuple(t for t in MessageType if t in types)
        self.patterns = tuple(TopicPattern(p) for p in patterns)
        self._handler = handler
        self._lock = threading.Lock()
        self.readers = []

    def matches(self, topic):
        return any(p.matches(topic) for p in self.patterns)

    def handle(self, message):
        with self._lock:
            self._handler(message)


class DualBusClient:
    """A Python engine's view of the dual bus.

    ``marketdata_url`` and ``engine_logic_url`` are Redis URLs (``redis://``, ``rediss://``,
    ``user:password@``, ``/db``). ``engine`` names the connections ``nautilus:<engine>:<bus>:<role>``
    as the Java side does (``./nautilus monitor`` counts them by engine) and is the
    ``source_engine`` of what it publishes. ``routes`` moves types to the other bus
    (``{"risk_metric": Bus.MARKETDATA}``), as ``RoutingTable.withBus`` does; both sides must agree.
    """

    def __init__(self, marketdata_url, engine_logic_url, engine="python", prefix=DEFAULT_PREFIX, routes=None,
                 settings=None, **overrides):
        if not isinstance(engine, str) or not _NAME.match(engine):
            raise ValueError("engine name '%s' must be 1-100 characters of letters, digits, '_', '.' or '-'" % engine)
        self.engine = engine
        self.routing = RoutingTable(prefix, routes)
        self.settings = dataclasses.replace(settings or Settings(), **overrides)
        self._urls = {Bus.MARKETDATA: marketdata_url, Bus.ENGINE_LOGIC: engine_logic_url}
        self._publishers = {bus: self._connect(bus, "pub", self.settings.command_timeout) for bus in Bus}
        self._subscriptions = []
        self._threads = []
        self._closed = threading.Event()
        self._failure = None

    @classmethod
    def from_env(cls, engine, **options):
        """The buses ``./nautilus`` uses: ``NAUTILUS_MARKETDATA_BUS_URL`` and ``NAUTILUS_ENGINE_LOGIC_BUS_URL``,
        defaulting to the seeds' ``redis://localhost:6380`` and ``redis://localhost:6381``."""
        return cls(os.environ.get("NAUTILUS_MARKETDATA_BUS_URL", "redis://localhost:6380"),
                   os.environ.get("NAUTILUS_ENGINE_LOGIC_BUS_URL", "redis://localhost:6381"), engine=engine, **options)

    def _connect(self, bus, role, socket_timeout):
        client = redis.Redis.from_url(self._urls[bus], client_name="nautilus:%s:%s:%s" % (self.engine, bus.key, role),
                                      socket_timeout=socket_timeout,
                                      socket_connect_timeout=self.settings.command_timeout)
        for command in _RAW_REPLIES:
            client.set_response_callback(command, lambda response, **options: response)
        return client

    # --- publishing ------------------------------------------------------------------------

    def publish(self, message_type, topic, payload, priority=Priority.NORMAL, correlation_id=None, reply_to=None):
        """Publishes on the bus the type is routed to, in the priority's lane, and returns the message
        once Redis has taken it (``XADD <lane> MAXLEN ~ <n> * <envelope>``). ``payload`` is any
        JSON-serialisable value; ValueError (PayloadError) names what is wrong with the arguments."""
        message = new_message(message_type, topic, payload, self.engine, priority, correlation_id, reply_to,
                              self.settings.max_payload_bytes)
        args = ["XADD", self.routing.lane(message.type, message.priority), "MAXLEN", "~", self.settings.stream_maxlen,
                "*"]
        for name, value in encode(message).items():
            args += [name, value]
        self._publishers[self.routing.bus_of(message.type)].execute_command(*args)
        return message

    def dead_letters(self, bus, limit=100):
        """The most recent dead letters of a bus, newest first (the Java ``MessageBus.deadLetters``)."""
        bus = bus if isinstance(bus, Bus) else Bus[str(bus).upper()]
        reply = self._publishers[bus].execute_command("XREVRANGE", self.routing.dead_letter_stream(bus), "+", "-",
                                                       "COUNT", int(limit))
        return [parse_dead_letter(bus, list(pairs or [])) for _, pairs in reply or []]

    # --- subscribing -----------------------------------------------------------------------

    def subscribe(self, group, consumer, types, patterns, handler):
        """Joins consumer group ``group`` as ``consumer``, reading ``types`` (a type or a list; the
        buses they are routed to are read) and handing ``handler(message)`` every message whose topic
        matches one of ``patterns`` (``*`` any run, ``?`` one character). The groups are created now,
        so nothing published from here on is missed; reading starts with ``run()``/``run_once()``."""
        if self._closed.is_set():
            raise RuntimeError("client is closed")
        subscription = Subscription(group, consumer, types, patterns, handler)
        start = "$" if self.settings.new_groups_from == "new" else "0"
        read_timeout = self.settings.block_ms / 1000.0 + self.settings.command_timeout
        for bus in Bus:
            if any(self.routing.bus_of(t) is bus for t in subscription.types):
                reader = GroupReader(subscription, bus, self._connect(bus, "reader", read_timeout), self.routing,
                                     self.settings)
                reader.create_groups(start)
                subscription.readers.append(reader)
        self._subscriptions.append(subscription)
        if self._threads:
            for reader in subscription.readers:
                self._start(reader)
        return subscription

    def _readers(self):
        return [r for s in self._subscriptions for r in s.readers]

    def run_once(self, timeout_ms=None):
        """One round of every reader in the calling thread: handles what is there, else waits up to
        ``timeout_ms`` (default: the block setting) for something to arrive. Returns the number of
        entries read. Redis errors are raised (nothing is lost: unacknowledged entries come back)."""
        if self._threads:
            raise RuntimeError("run() is reading already")
        readers = self._readers()
        if not readers:
            return 0
        timeout = self.settings.block_ms if timeout_ms is None else int(timeout_ms)
        if len(readers) == 1:
            return readers[0].poll(timeout)
        # Several readers: first what is there on any of them, then wait on each in turn.
        read = sum(r.poll(0) for r in readers)
        if read == 0 and timeout > 0:
            share = max(1, timeout // len(readers))
            read = sum(r.poll(share) for r in readers)
        return read

    def run(self):
        """Reads until ``close()``: one thread per subscription and bus, each recovering from Redis
        errors with a backoff of 100 ms doubling to 2 s. Returns after close(); raises what killed a
        reader if something other than an Exception (SystemExit, say) did."""
        if self._threads:
            raise RuntimeError("run() is reading already")
        for reader in self._readers():
            self._start(reader)
        try:
            while not self._closed.wait(0.5):
                if self._failure is not None:
                    break
        except KeyboardInterrupt:
            self.close()
            raise
        if self._failure is not None:
            self.close()
            raise self._failure

    def _start(self, reader):
        thread = threading.Thread(target=self._read_until_closed, args=(reader,), daemon=True,
                                  name="nautilus-%s-%s-%s" % (reader.bus.key, reader.subscription.group,
                                                              reader.subscription.consumer))
        self._threads.append((reader, thread))
        thread.start()

    def _read_until_closed(self, reader):
        backoff = Backoff()
        try:
            while reader.running:
                try:
                    reader.poll(self.settings.block_ms)
                    backoff.reset()
                except (redis.RedisError, MemoryError, OSError) as error:
                    if not reader.running:
                        break
                    LOG.error("reader of group %s on the %s bus: %s; reading its pending entries again in %d ms",
                              reader.subscription.group, reader.bus.display_name, error, backoff.next * 1000)
                    backoff.pause(self._closed)
                except Exception:  # a fault of ours must not leave the group unread without a word
                    LOG.exception("reader of group %s on the %s bus failed; retrying", reader.subscription.group,
                                  reader.bus.display_name)
                    backoff.pause(self._closed)
        except BaseException as fatal:
            self._failure = fatal
        finally:
            reader.flush_acks()

    # --- closing ---------------------------------------------------------------------------

    def close(self):
        """Stops the readers after the message in hand, sends their acknowledgements, closes the connections."""
        if self._closed.is_set():
            return
        self._closed.set()
        for reader in self._readers():
            reader.stop()
        deadline = self.settings.block_ms / 1000.0 + self.settings.command_timeout
        for reader, thread in self._threads:
            if thread is threading.current_thread():
                continue
            waited = 0.0
            while thread.is_alive() and waited < deadline:
                if reader.reading:
                    reader.interrupt()  # ends a blocked XREADGROUP at once instead of after BLOCK
                thread.join(0.05)
                waited += 0.05
            if thread.is_alive():
                LOG.warning("reader of group %s still busy in its handler after close", reader.subscription.group)
        threaded = {id(r) for r, _ in self._threads}
        for reader in self._readers():
            if id(reader) not in threaded:
                reader.flush_acks()
            reader.interrupt()
        for client in self._publishers.values():
            client.connection_pool.disconnect()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

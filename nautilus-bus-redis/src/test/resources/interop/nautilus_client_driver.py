"""Drives the Python client (clients/python, on PYTHONPATH) for the Java interop test.

publish MD_URL EL_URL TYPE TOPIC PRIORITY PAYLOAD_JSON [CORRELATION_ID REPLY_TO]
    publishes one message; prints {"id": ..., "timestamp_micros": ...}
consume MD_URL EL_URL GROUP CONSUMER TYPES PATTERNS UNTIL TIMEOUT_MS [FLAG...]
    subscribes (TYPES and PATTERNS comma-separated) and reads until UNTIL (handled:N or dead:N)
    or the timeout; prints one JSON line per handled message, in handling order. UNTIL handled:0
    only creates the group. Flags: "fail" (the handler raises on every message), "crash" (the
    process dies, exit code 3, in the handler of the first message, leaving it pending), and
    NAME=VALUE for a client setting, e.g. claim_idle=0.5.
"""
import json
import os
import sys
import time

from nautilus_bus import Bus, DualBusClient


def publish(md, el, message_type, topic, priority, payload, correlation_id=None, reply_to=None):
    with DualBusClient(md, el, engine="python_engine") as bus:
        sent = bus.publish(message_type, topic, json.loads(payload), priority=priority,
                           correlation_id=correlation_id, reply_to=reply_to)
    print(json.dumps({"id": sent.id, "timestamp_micros": sent.timestamp_micros}))


def consume(md, el, group, consumer, types, patterns, until, timeout_ms, *flags):
    kind, _, count = until.partition(":")
    wanted = int(count)
    handled = []
    settings = {}
    for flag in flags:
        if "=" in flag:
            name, _, value = flag.partition("=")
            settings[name] = float(value) if "." in value else int(value)

    def handler(message):
        if "crash" in flags:
            print(json.dumps({"crashing_on": message.id}), flush=True)
            os._exit(3)
        if "fail" in flags:
            raise ValueError("python handler refuses %s" % message.id)
        handled.append(message)
        print(json.dumps({"id": message.id, "type": message.type.wire, "topic": message.topic,
                          "source": message.source_engine, "priority": message.priority.wire,
                          "timestamp_micros": message.timestamp_micros, "payload": message.payload,
                          "correlation_id": message.correlation_id, "reply_to": message.reply_to,
                          "stream": message.stream}), flush=True)

    with DualBusClient(md, el, engine="python_engine", **settings) as bus:
        bus.subscribe(group, consumer, types.split(","), patterns.split(","), handler)

        def done():
            if kind == "dead":
                return sum(len(bus.dead_letters(b)) for b in Bus) >= wanted
            return len(handled) >= wanted

        deadline = time.monotonic() + int(timeout_ms) / 1000.0
        while not done() and time.monotonic() < deadline:
            bus.run_once(100)
        if not done():
            sys.exit("timed out: %s not reached" % until)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"publish": publish, "consume": consume}[command](*args)

#!/usr/bin/env python3
"""The seed-style Python peer of `nautilus bench peers`.

publish: as the seeds' DualMessageBusClient.publish_message does, with redis.asyncio: for each
message the seed's fields (message_type, source_engine, payload as json.dumps, priority,
timestamp) and one awaited XADD with maxlen=100000 (redis-py trims approximately by default).

read: a redis-py consumer-group reader: XREADGROUP (COUNT 100, BLOCK), each entry handed to a
handler that counts it, then one XACK of the batch's ids after they were handled.

Each role prints one JSON line: its wall-clock start and end (time.time(), the same clock for both
processes) and the CPU seconds its process used meanwhile. A missing redis-py prints
{"unavailable": ...} and exits 3, so that the benchmark says so instead of inventing a figure.
"""

import asyncio
import json
import sys
import time

try:
    import redis
    import redis.asyncio as aioredis
except ImportError as missing:
    print(json.dumps({"unavailable": "redis-py is not installed for %s (%s)" % (sys.executable, missing)}))
    sys.exit(3)


def cpu_seconds():
    # user + system CPU of this process, at nanosecond resolution (os.times() counts 10 ms ticks)
    return time.process_time()


def padded_payload(size):
    base = {"instrument": "BTCUSD", "price": 812.5, "size": 0.25, "pad": ""}
    base["pad"] = "p" * max(0, size - len(json.dumps(base)))
    return base


async def publish(port, stream, count, payload_bytes):
    payload = padded_payload(payload_bytes)
    client = aioredis.Redis(host="127.0.0.1", port=port, db=0, decode_responses=True)
    await client.ping()
    start, cpu = time.time(), cpu_seconds()
    for _ in range(count):
        message = {
            "message_type": "market_data",
            "source_engine": "marketdata",
            "payload": json.dumps(payload),
            "priority": "normal",
            "timestamp": time.time(),
        }
        await client.xadd(stream, message, maxlen=100000)
    end = time.time()
    result = {"role": "publish", "start": start, "end": end, "cpu": cpu_seconds() - cpu, "messages": count}
    await client.aclose() if hasattr(client, "aclose") else await client.close()
    return result


def read(port, stream, group, count, stall_seconds=60):
    client = redis.Redis(host="127.0.0.1", port=port, db=0, decode_responses=True)
    try:
        client.xgroup_create(stream, group, id="$", mkstream=True)
    except redis.ResponseError as error:
        if "BUSYGROUP" not in str(error):
            raise
    handled = 0

    def handle(fields):
        nonlocal handled
        handled += 1

    print(json.dumps({"role": "ready"}), flush=True)
    start, cpu = time.time(), cpu_seconds()
    last_progress = time.time()
    while handled < count:
        reply = client.xreadgroup(group, "python-1", {stream: ">"}, count=100, block=1000)
        if not reply:
            if time.time() - last_progress > stall_seconds:
                raise SystemExit("no entry for %d s: handled %d of %d" % (stall_seconds, handled, count))
            continue
        last_progress = time.time()
        for _, entries in reply:
            ids = []
            for entry_id, fields in entries:
                handle(fields)
                ids.append(entry_id)
            client.xack(stream, group, *ids)
    end = time.time()
    return {"role": "read", "start": start, "end": end, "cpu": cpu_seconds() - cpu, "messages": handled}


def main():
    role, port, stream, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    if role == "publish":
        result = asyncio.run(publish(port, stream, count, int(sys.argv[5])))
    elif role == "read":
        result = read(port, stream, sys.argv[5], count)
    else:
        raise SystemExit("unknown role " + role)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

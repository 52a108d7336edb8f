"""A Python engine written the seeds' way (redis-py, the DualMessageBusClient wire format).

publish PORT STREAM TYPE SOURCE PRIORITY PAYLOAD_JSON  -- XADD like the seed's publish_message
read PORT STREAM GROUP CONSUMER COUNT TIMEOUT_MS       -- XREADGROUP, prints the entries as JSON lines
"""
import json
import sys
import time

import redis


def publish(port, stream, message_type, source, priority, payload):
    client = redis.Redis(host="127.0.0.1", port=int(port), decode_responses=True)
    message = {
        "message_type": message_type,
        "source_engine": source,
        "payload": json.dumps(json.loads(payload)),
        "priority": priority,
        "timestamp": time.time(),
    }
    print(client.xadd(stream, message, maxlen=100000))


def read(port, stream, group, consumer, count, timeout_ms):
    client = redis.Redis(host="127.0.0.1", port=int(port), decode_responses=True)
    try:
        client.xgroup_create(stream, group, id="0", mkstream=True)
    except redis.ResponseError as error:
        if "BUSYGROUP" not in str(error):
            raise
    wanted = int(count)
    deadline = time.time() + int(timeout_ms) / 1000.0
    seen = 0
    while seen < wanted and time.time() < deadline:
        for _, entries in client.xreadgroup(group, consumer, {stream: ">"}, count=wanted, block=200) or []:
            for entry_id, fields in entries:
                print(json.dumps({"id": entry_id, "fields": fields}))
                client.xack(stream, group, entry_id)
                seen += 1
    sys.stdout.flush()


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"publish": publish, "read": read}[command](*args)

package dev.nautilus.bus.redis;

import dev.nautilus.bus.redis.resp.RawStreamEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The acknowledgements of one batch: one {@code XACK} per stream, queued once what the batch's
 * handlers published is confirmed ({@link PublishConfirmation}) and sent without waiting. They
 * leave with the reader's next read and Redis runs one connection's commands in order, so they are
 * applied before that read, and the handler thread never waits a round trip for them; a reader
 * being closed sends them at once. An ack lost in an outage only means a redelivery later:
 * at-least-once holds. Each stream's acknowledgements are followed by the group's new position
 * there ({@link GroupPositions}), on the same write.
 */
final class BatchAcknowledger {

    private final StreamOperations streams;
    private final String group;
    private final GroupPositions positions;
    private final Map<String, List<String>> idsByStream = new LinkedHashMap<>();

    BatchAcknowledger(StreamOperations streams, String group, GroupPositions positions) {
        this.streams = streams;
        this.group = group;
        this.positions = positions;
    }

    /** The entry is done with (handled, dead-lettered, or not for this group). */
    void add(RawStreamEntry entry) {
        idsByStream.computeIfAbsent(entry.stream(), k -> new ArrayList<>()).add(entry.id());
    }

    boolean isEmpty() {
        return idsByStream.isEmpty();
    }

    /** How many entries were added. */
    int size() {
        int size = 0;
        for (List<String> ids : idsByStream.values()) {
            size += ids.size();
        }
        return size;
    }

    /**
     * Queues what was added, to leave with the next read; at once when the reader is stopping
     * (there is no next read).
     */
    void send(boolean stopping) {
        if (idsByStream.isEmpty()) {
            return;
        }
        idsByStream.forEach((stream, ids) -> {
            streams.ack(stream, group, ids);
            positions.acknowledged(stream, ids.get(ids.size() - 1));
        });
        idsByStream.clear();
        if (stopping) {
            streams.flushAcks();
        }
    }
}

package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.bus.codec.EnvelopeCodec;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The dead-letter stream of a bus, {@code <prefix>:<bus>:dead}: each entry is the original
 * envelope fields as received plus {@code dead_reason}, {@code dead_stream}, {@code dead_id},
 * {@code dead_group}, {@code dead_deliveries} and {@code dead_at}, so it can be inspected and
 * replayed onto its stream.
 */
final class DeadLetterStream {

    static final String REASON = "dead_reason";
    static final String STREAM = "dead_stream";
    static final String ID = "dead_id";
    static final String GROUP = "dead_group";
    static final String DELIVERIES = "dead_deliveries";
    static final String AT = "dead_at";

    private final Bus bus;
    private final String key;
    private final RedisConnections connections;
    private final XAddArgs trim;

    DeadLetterStream(Bus bus, String key, RedisConnections connections, long maxLen) {
        this.bus = bus;
        this.key = key;
        this.connections = connections;
        this.trim = new XAddArgs().maxlen(maxLen).approximateTrimming();
    }

    /**
     * Writes a dead letter and waits for Redis to take it, so that the caller acknowledges the
     * original only once its dead letter is safe.
     */
    void write(String stream, String id, Map<String, String> original, String group, long deliveries, String reason)
            throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(original == null ? Map.of() : original);
        fields.put(REASON, reason);
        fields.put(STREAM, stream);
        fields.put(ID, id);
        fields.put(GROUP, group);
        fields.put(DELIVERIES, Long.toString(deliveries));
        fields.put(AT, EnvelopeCodec.formatTimestamp(MicroClock.nowMicros()));
        RedisFuture<String> added = connections.async().xadd(key, trim, fields);
        connections.flush();
        added.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest dead letters, newest first. */
    List<DeadLetter> newest(int limit) {
        try {
            RedisFuture<List<StreamMessage<String, String>>> range =
                    connections.async().xrevrange(key, Range.create("-", "+"), Limit.from(limit));
            connections.flush();
            List<DeadLetter> letters = new ArrayList<>();
            for (StreamMessage<String, String> entry :
                    range.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                Map<String, String> fields = new LinkedHashMap<>(entry.getBody());
                String reason = fields.remove(REASON);
                String stream = fields.remove(STREAM);
                String id = fields.remove(ID);
                String group = fields.remove(GROUP);
                long deliveries = parseLong(fields.remove(DELIVERIES));
                long at = parseTimestamp(fields.remove(AT));
                letters.add(new DeadLetter(
                        bus,
                        String.valueOf(group),
                        String.valueOf(stream),
                        String.valueOf(id),
                        String.valueOf(reason),
                        deliveries,
                        at,
                        fields));
            }
            return letters;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while reading dead letters of the " + bus.displayName() + " bus", e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot read dead letters of the " + bus.displayName() + " bus: " + ConnectionHealth.describe(e),
                    e);
        }
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long parseTimestamp(String text) {
        try {
            return text == null ? 0 : EnvelopeCodec.parseTimestamp(text);
        } catch (Exception e) {
            return 0;
        }
    }
}

package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.DeadLetterReplayedException;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.EnvelopeField;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter stream of a bus, {@code <prefix>:<bus>:dead}: each entry is the original
 * envelope fields as received plus {@code dead_reason}, {@code dead_stream}, {@code dead_id},
 * {@code dead_group}, {@code dead_deliveries} and {@code dead_at}, so it can be inspected and
 * replayed to its group; the migration bridge's {@link MirrorFields} are left out of both. The set {@code <prefix>:<bus>:dead:replayed} holds the replayed letters
 * ({@link DeadLetter#replayKey()}): {@code SADD} answers 1 to one caller only, so of two replays at
 * once exactly one goes out, and a second replay is refused.
 */
final class DeadLetterStream {

    static final String REASON = "dead_reason";
    static final String STREAM = "dead_stream";
    static final String ID = "dead_id";
    static final String GROUP = "dead_group";
    static final String DELIVERIES = "dead_deliveries";
    static final String AT = "dead_at";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStream.class);

    private final Bus bus;
    private final String key;
    private final String replayedKey;
    private final RedisConnections connections;
    private final XAddArgs trim;

    DeadLetterStream(Bus bus, String key, RedisConnections connections, long maxLen) {
        this.bus = bus;
        this.key = key;
        this.replayedKey = key + ":replayed";
        this.connections = connections;
        this.trim = new XAddArgs().maxlen(maxLen).approximateTrimming();
    }

    /**
     * Writes a dead letter and waits for Redis to take it, so that the caller acknowledges the
     * original only once its dead letter is safe.
     */
    void write(String stream, String id, Map<String, String> original, String group, long deliveries, String reason)
            throws Exception {
        // A copy the migration bridge made is dead-lettered as an original of this Redis: marked as
        // a copy, the bridge would never carry the letter to the other side.
        Map<String, String> fields =
                new LinkedHashMap<>(original == null ? Map.of() : MirrorFields.withoutMirror(original));
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
                // the letter's own copy by the bridge: its envelope is the message's, without them
                Map<String, String> fields = new LinkedHashMap<>(MirrorFields.withoutMirror(entry.getBody()));
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
            return markReplayed(letters);
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

    /** The letters with their replay marks, read in one {@code SMISMEMBER}. */
    private List<DeadLetter> markReplayed(List<DeadLetter> letters) throws Exception {
        if (letters.isEmpty()) {
            return letters;
        }
        RedisFuture<List<Boolean>> marks = connections
                .async()
                .smismember(
                        replayedKey, letters.stream().map(DeadLetter::replayKey).toArray(String[]::new));
        connections.flush();
        List<Boolean> replayed = marks.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        List<DeadLetter> marked = new ArrayList<>(letters.size());
        for (int i = 0; i < letters.size(); i++) {
            marked.add(Boolean.TRUE.equals(replayed.get(i)) ? letters.get(i).withReplayed(true) : letters.get(i));
        }
        return marked;
    }

    /**
     * Marks the letter replayed and adds its envelope to {@code lane}, waiting for Redis to take
     * both; when the {@code XADD} fails the mark is taken back, so the letter can be replayed again.
     *
     * @throws DeadLetterReplayedException when it was marked before
     */
    void replay(DeadLetter letter, String lane) {
        try {
            RedisFuture<Long> marked = connections.async().sadd(replayedKey, letter.replayKey());
            connections.flush();
            if (marked.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS) == 0) {
                throw new DeadLetterReplayedException(letter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letter " + letter.originalId(), e);
        } catch (DeadLetterReplayedException e) {
            throw e;
        } catch (Exception e) {
            throw new BusBackpressureException("cannot replay dead letter " + letter.originalId() + " on the "
                    + bus.displayName() + " bus: " + ConnectionHealth.describe(e));
        }
        // An envelope without an id (the seed's publishers send none) was known by its entry id:
        // it keeps that one, not the replay entry's.
        Map<String, String> envelope = letter.envelope();
        if (!envelope.containsKey(EnvelopeField.ID)) {
            envelope = new LinkedHashMap<>(envelope);
            envelope.put(EnvelopeField.ID, letter.originalId());
        }
        try {
            RedisFuture<String> added = connections.async().xadd(lane, trim, envelope);
            connections.flush();
            added.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            unmark(letter);
            throw new BusBackpressureException("cannot replay dead letter " + letter.originalId() + " to group '"
                    + letter.group() + "' on the " + bus.displayName() + " bus: " + ConnectionHealth.describe(e));
        }
    }

    private void unmark(DeadLetter letter) {
        try {
            RedisFuture<Long> removed = connections.async().srem(replayedKey, letter.replayKey());
            connections.flush();
            removed.get(connections.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error(
                    "dead letter {} of group {} on the {} bus is marked replayed but was not: remove '{}' from {} to "
                            + "replay it: {}",
                    letter.originalId(),
                    letter.group(),
                    bus.displayName(),
                    letter.replayKey(),
                    replayedKey,
                    ConnectionHealth.describe(e));
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

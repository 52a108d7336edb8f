package dev.nautilus.bus.redis;

import dev.nautilus.bus.redis.resp.RawStreamEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The stream commands one consumer-group reader needs, whatever connection carries them: the
 * reader, claimer, acknowledger and recovery talk to this seam only. Failures are thrown as
 * Lettuce's exceptions ({@code RedisCommandExecutionException} carries Redis's error text, e.g.
 * {@code NOGROUP}). Used by the reader's thread only.
 */
interface StreamOperations extends AutoCloseable {

    /**
     * {@code XGROUP CREATE stream group from MKSTREAM} for every stream, in one round trip; a group
     * that exists already is fine.
     *
     * @param from {@code $} for messages published from now on, {@code 0} for the whole stream
     */
    void createGroups(String group, Collection<String> streams, String from);

    /**
     * {@code XGROUP CREATE stream group id MKSTREAM} for every stream of {@code fromByStream}, each
     * at its own id, in one round trip; a group that exists already is left where it is.
     */
    void createGroupsAt(String group, Map<String, String> fromByStream);

    /**
     * The positions recorded in the group's state hash ({@code HGETALL key}): stream → the last
     * entry id the group acknowledged there; empty when none is recorded (or Redis lost it).
     */
    Map<String, String> recordedPositions(String key);

    /**
     * {@code XREADGROUP GROUP group consumer COUNT count [BLOCK block] STREAMS stream… id…}, the
     * streams in the given order (Redis answers in it), sent together with the acknowledgements
     * queued since the last read.
     *
     * @param block {@code null} to re-read this consumer's pending entries ({@code 0}), else how
     *              long to wait for new ones ({@code >})
     * @param acknowledged run once Redis has answered those acknowledgements, before the read's
     *              own answer is awaited (from then on closing the connection loses nothing)
     */
    List<RawStreamEntry> readGroup(
            String group,
            String consumer,
            int count,
            Duration block,
            Collection<String> streams,
            Runnable acknowledged);

    /** Queues {@code XACK stream group id…}; it leaves with the next read or {@link #flushAcks()}. */
    void ack(String stream, String group, List<String> ids);

    /**
     * Queues {@code HSET key stream id}: the group's last acknowledged position on that stream,
     * leaving with the acknowledgements it follows (see {@link GroupPositions}).
     */
    void recordPosition(String key, String stream, String id);

    /** Sends the queued acknowledgements now if the connection is still up; for a reader stopping. */
    void flushAcks();

    /**
     * {@code XAUTOCLAIM stream group consumer minIdle cursor COUNT count} for every stream of
     * {@code cursors}, in one round trip.
     *
     * @param cursors where to go on in each stream ({@code 0-0} to start)
     */
    Map<String, ClaimedEntries> autoClaim(
            String group, String consumer, Duration minIdle, int count, Map<String, String> cursors);

    /**
     * How many times Redis delivered each pending entry of {@code consumer} with an id in
     * {@code first..last} ({@code XPENDING stream group first last limit consumer}), at most
     * {@code limit} of them.
     */
    Map<String, Long> deliveryCounts(
            String stream, String group, String consumer, String first, String last, long limit);

    /**
     * Adds the entry to the bus's dead-letter stream with the reason and waits for Redis to take
     * it, so that the original is acknowledged only once its dead letter is safe.
     *
     * @throws IllegalStateException when it could not be written (the original then stays pending)
     */
    void addDeadLetter(RawStreamEntry entry, String group, long deliveries, String reason);

    /** After a {@code MOVED}/{@code ASK}: learns where the streams' slot is now and reads from there. */
    void followMovedSlot();

    /** Drops the read connection; a blocked read ends at once. */
    @Override
    void close();

    /**
     * One page of {@code XAUTOCLAIM}.
     *
     * @param cursor  where the next page starts; {@code 0-0} when the stream has been gone through
     * @param entries the entries now owned by the claiming consumer
     */
    record ClaimedEntries(String cursor, List<RawStreamEntry> entries) {}
}

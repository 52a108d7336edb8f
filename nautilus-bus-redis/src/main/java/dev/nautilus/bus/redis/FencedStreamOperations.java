package dev.nautilus.bus.redis;

import dev.nautilus.bus.redis.resp.RawStreamEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The stream commands of a partition's reader: those of {@link RedisStreamOperations}, except that
 * each acknowledgement is fenced by the partition's epoch ({@link PartitionLeases#fencedAck}) and
 * sent at once, and none is sent once the lease is revoked. A refused acknowledgement revokes the
 * lease: another instance owns the partition now and will deliver those entries itself.
 */
final class FencedStreamOperations implements StreamOperations {

    private final StreamOperations delegate;
    private final PartitionLeases leases;
    private final PartitionLease lease;
    private final BiConsumer<String, String> acknowledged;
    private final Duration maxBlock;
    /** How long a revoked reader waits between rounds until it is closed: it reads nothing. */
    private static final Duration IDLE_WHEN_REVOKED = Duration.ofMillis(50);

    /** @param acknowledged told each stream's last id acknowledged under this lease */
    FencedStreamOperations(
            StreamOperations delegate,
            PartitionLeases leases,
            PartitionLease lease,
            BiConsumer<String, String> acknowledged) {
        this.delegate = delegate;
        this.leases = leases;
        this.lease = lease;
        this.acknowledged = acknowledged;
        this.maxBlock = leases.settings().margin().dividedBy(2);
    }

    @Override
    public void ack(String stream, String group, List<String> ids) {
        if (!lease.usable()) {
            return;
        }
        if (leases.fencedAck(lease.partition(), lease.epoch(), stream, group, ids) < 0) {
            lease.revoke("an acknowledgement was refused: partition " + lease.partition() + " is no longer at epoch "
                    + lease.epoch());
            return;
        }
        acknowledged.accept(stream, ids.get(ids.size() - 1));
    }

    @Override
    public void recordPosition(String key, String stream, String id) {
        if (lease.revokedBecause() == null) {
            delegate.recordPosition(key, stream, id);
        }
    }

    @Override
    public void createGroups(String group, Collection<String> streams, String from) {
        delegate.createGroups(group, streams, from);
    }

    @Override
    public void createGroupsAt(String group, Map<String, String> fromByStream) {
        delegate.createGroupsAt(group, fromByStream);
    }

    @Override
    public Map<String, String> recordedPositions(String key) {
        return delegate.recordedPositions(key);
    }

    /**
     * Reads only while the lease is usable, and blocks at most half the lease's margin: a read sent
     * before the lease lapses has delivered all it will before another instance can take the
     * partition over, whose restore then sees every entry this one got.
     */
    @Override
    public List<RawStreamEntry> readGroup(
            String group,
            String consumer,
            int count,
            Duration block,
            Collection<String> streams,
            Runnable acknowledged) {
        if (!lease.usable()) {
            LockSupport.parkNanos(IDLE_WHEN_REVOKED.toNanos());
            return List.of();
        }
        Duration bounded = block == null || block.compareTo(maxBlock) <= 0 ? block : maxBlock;
        return delegate.readGroup(group, consumer, count, bounded, streams, acknowledged);
    }

    @Override
    public void flushAcks() {
        delegate.flushAcks();
    }

    @Override
    public Map<String, ClaimedEntries> autoClaim(
            String group, String consumer, Duration minIdle, int count, Map<String, String> cursors) {
        return delegate.autoClaim(group, consumer, minIdle, count, cursors);
    }

    @Override
    public Map<String, Long> deliveryCounts(
            String stream, String group, String consumer, String first, String last, long limit) {
        return delegate.deliveryCounts(stream, group, consumer, first, last, limit);
    }

    @Override
    public void addDeadLetter(RawStreamEntry entry, String group, long deliveries, String reason) {
        delegate.addDeadLetter(entry, group, deliveries, reason);
    }

    @Override
    public void followMovedSlot() {
        delegate.followMovedSlot();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

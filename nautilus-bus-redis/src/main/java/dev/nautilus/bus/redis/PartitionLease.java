package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.PublishFence;
import dev.nautilus.bus.redis.partition.PartitionContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This instance's hold on one partition at one epoch, as its threads see it: usable while the
 * lease, as last renewed, still runs by the local clock with a safety margin, and until it is
 * revoked (a renewal or a fenced acknowledgement found the epoch moved on, or the instance stops).
 * Once revoked it stays revoked: the partition's reader handles nothing more and acknowledges
 * nothing more, so what it had in hand stays pending for the next owner. It is the claim the
 * partition's handler publishes under ({@link PublishFence}): no output leaves once it is not usable.
 */
final class PartitionLease implements PublishFence.Claim {

    private final int partition;
    private final long epoch;
    private final PartitionContext context;
    private volatile long usableUntilNanos;
    private final AtomicReference<String> revoked = new AtomicReference<>();

    PartitionLease(String group, int partition, long epoch, String consumer, long usableUntilNanos) {
        this.partition = partition;
        this.epoch = epoch;
        this.context = new PartitionContext(group, partition, epoch, consumer, false);
        this.usableUntilNanos = usableUntilNanos;
    }

    String group() {
        return context.group();
    }

    int partition() {
        return partition;
    }

    long epoch() {
        return epoch;
    }

    /** Renewed when the renewal that succeeded was sent: usable until then plus the lease, less the margin. */
    void renewed(long usableUntilNanos) {
        this.usableUntilNanos = usableUntilNanos;
    }

    /** Whether it may still handle and acknowledge; revokes it once the lease ran out. */
    boolean usable() {
        if (revoked.get() != null) {
            return false;
        }
        if (System.nanoTime() - usableUntilNanos >= 0) {
            revoke("its lease ran out before it was renewed");
            return false;
        }
        return true;
    }

    /** Revokes it, for the reason given first. */
    void revoke(String reason) {
        revoked.compareAndSet(null, reason);
    }

    /** Why it was revoked, or null. */
    String revokedBecause() {
        return revoked.get();
    }

    @Override
    public boolean held() {
        return usable();
    }

    @Override
    public String describe() {
        String reason = revoked.get();
        return "partition " + partition + " of group " + context.group() + " at epoch " + epoch
                + " is no longer held by " + context.consumer() + (reason == null ? "" : ": " + reason);
    }

    /** Whether every one of {@code leases} is {@link #usable()}. */
    static boolean allUsable(List<PartitionLease> leases) {
        for (PartitionLease lease : leases) {
            if (!lease.usable()) {
                return false;
            }
        }
        return true;
    }

    /** The consumer holding it. */
    String consumer() {
        return context.consumer();
    }

    /**
     * The handler as this lease's reader calls it: with the partition's context current and its
     * publishes fenced by this lease, and not at all once the lease is not usable (the message stays
     * pending: its acknowledgement is not sent).
     */
    MessageHandler gate(MessageHandler handler) {
        return message -> handle(handler, message);
    }

    private void handle(MessageHandler handler, Message message) throws Exception {
        if (usable()) {
            try {
                context.run(() -> PublishFence.run(this, () -> handler.onMessage(message)));
            } catch (PublishFence.FencedOffException fenced) {
                // the lease lapsed mid-handling: what was not published is the next owner's to publish,
                // and the entry, never acknowledged now, is its to handle
            }
        }
    }
}

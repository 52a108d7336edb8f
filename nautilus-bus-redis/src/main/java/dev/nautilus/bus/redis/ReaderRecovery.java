package dev.nautilus.bus.redis;

import io.lettuce.core.RedisCommandExecutionException;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reader does after a failed round: recreates missing groups ({@code NOGROUP}: stream
 * deleted, Redis restarted empty), follows a moved slot ({@code MOVED}/{@code ASK}), or reports
 * the failure and pauses. A second {@code NOGROUP} within a second of the last heal backs off
 * instead of looping.
 */
final class ReaderRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderRecovery.class);
    private static final long HEAL_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String group;
    private final Collection<String> lanes;
    private final StreamOperations streams;
    private final ConnectionHealth health;
    private final String busName;
    private long lastHealNanos = Long.MIN_VALUE;

    ReaderRecovery(
            String group, Collection<String> lanes, StreamOperations streams, ConnectionHealth health, String busName) {
        this.group = group;
        this.lanes = lanes;
        this.streams = streams;
        this.health = health;
        this.busName = busName;
    }

    /**
     * Recovers from {@code failure}, pausing {@code pauseNanos} where waiting is what helps (a slot
     * being migrated answers {@code ASK} until it is done). Returns whether to re-read this
     * consumer's pending entries next.
     */
    boolean recover(RuntimeException failure, long pauseNanos) {
        try {
            return tryToRecover(failure, pauseNanos);
        } catch (RuntimeException recoveryFailed) {
            // Whatever recovery throws too (Redis still unreachable while groups are recreated, no
            // node answering a topology refresh) is reported and retried: the reader never dies.
            health.failed("reader " + group, recoveryFailed);
            LockSupport.parkNanos(pauseNanos);
            return true;
        }
    }

    private boolean tryToRecover(RuntimeException failure, long pauseNanos) {
        String text = failure instanceof RedisCommandExecutionException ? String.valueOf(failure.getMessage()) : "";
        if (text.startsWith("NOGROUP") || text.startsWith("UNBLOCKED")) {
            healMissingGroups(text);
            return false;
        }
        if (text.startsWith("MOVED") || text.startsWith("ASK")) {
            // The slot moved to another node (failover, resharding): connect to where it is now.
            LOG.info("group {} on the {} bus: {}; following it", group, busName, text);
            LockSupport.parkNanos(pauseNanos);
            streams.followMovedSlot();
            return true;
        }
        health.failed("reader " + group, failure);
        LockSupport.parkNanos(pauseNanos);
        return true;
    }

    private void healMissingGroups(String error) {
        long now = System.nanoTime();
        if (lastHealNanos != Long.MIN_VALUE && now - lastHealNanos < HEAL_INTERVAL_NANOS) {
            LOG.error(
                    "group {} on the {} bus missing again right after being recreated ({}); backing off",
                    group,
                    busName,
                    error);
            LockSupport.parkNanos(HEAL_INTERVAL_NANOS);
        }
        lastHealNanos = System.nanoTime();
        // The streams are new (deleted, or Redis restarted empty): everything in them is unseen.
        streams.createGroups(group, lanes, "0");
        LOG.warn(
                "recreated consumer group {} on {} streams of the {} bus after: {}",
                group,
                lanes.size(),
                busName,
                error);
    }
}

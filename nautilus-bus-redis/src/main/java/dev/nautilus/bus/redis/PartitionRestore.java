package dev.nautilus.bus.redis;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.PartitionCheckpoint;
import dev.nautilus.bus.PublishFence;
import dev.nautilus.bus.Replay;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.bus.codec.EnvelopeField;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import dev.nautilus.bus.redis.monitor.StreamCounters;
import dev.nautilus.bus.redis.partition.PartitionContext;
import dev.nautilus.bus.redis.resp.RawStreamEntry;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.models.stream.PendingMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an engine's state for a partition it takes over, before its reader starts: the state an
 * engine keeps per key is a function of the partition's streams, so the new owner replays each
 * lane from where the group first started on it (or from what this instance acknowledged there
 * itself under an earlier lease) up to the group's last delivered entry, handing each message to
 * the handler as a {@link Replay}: outputs are not published again, the previous owner published
 * them. Entries still pending (delivered to the previous owner, never acknowledged) are delivered
 * as new in their place in the stream, their outputs published (they may or may not have left
 * before), and acknowledged once those are confirmed: the engine sees the partition in its order.
 *
 * <p>Retention: only what the streams still hold (approximate {@code MAXLEN}) can be replayed. A
 * handler that checkpoints its keys ({@link dev.nautilus.bus.PartitionedState}) is replayed only
 * what came after its partition's latest checkpoint; one that does not rebuilds from the oldest
 * retained entry, which is exact only while the streams hold the partition's whole history.
 */
final class PartitionRestore {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRestore.class);
    private static final int PAGE = 1000;
    private static final int MAX_PENDING = 100_000;

    private final RedisTransport transport;
    private final PartitionLeases leases;
    private final String group;
    private final String consumer;
    private final TopicPattern[] patterns;
    private final MessageHandler handler;
    private final Set<String> warnedLanes = ConcurrentHashMap.newKeySet();

    PartitionRestore(
            RedisTransport transport,
            PartitionLeases leases,
            String group,
            String consumer,
            List<TopicPattern> patterns,
            MessageHandler handler) {
        this.transport = transport;
        this.leases = leases;
        this.group = group;
        this.consumer = consumer;
        this.patterns = patterns.toArray(TopicPattern[]::new);
        this.handler = handler;
    }

    /**
     * Replays partition {@code lease}'s lanes; returns how many messages were replayed.
     *
     * <p>With a {@code checkpointer}, the partition's keys were replaced by its latest stored
     * {@code checkpoint} (or cleared when none is stored, {@link PartitionCheckpointer#restoreKeys}),
     * and each lane is replayed from the checkpoint's position (from the group's origin where it has
     * none) without the messages the checkpoint includes beyond it; the checkpointer then hears what
     * the rebuilt state includes. Without one, each lane is replayed from the
     * group's origin, or from what this instance acknowledged there under an earlier lease
     * ({@code handledUpTo}: its state already holds everything up to there).
     */
    long restore(
            PartitionLease lease,
            List<String> lanes,
            Map<String, String> handledUpTo,
            StreamOperations streams,
            Optional<PartitionCheckpointer> checkpointer,
            Optional<PartitionCheckpoint> checkpoint) {
        RedisConnections connections = transport.connections();
        long replayed = 0;
        PartitionContext context = new PartitionContext(group, lease.partition(), lease.epoch(), consumer, true);
        PartitionContext live = new PartitionContext(group, lease.partition(), lease.epoch(), consumer, false);
        PublishConfirmation confirmation = new PublishConfirmation(
                transport::barrier,
                transport.config().commandTimeout(),
                lease::usable,
                group,
                transport.bus().displayName());
        Set<String> included = checkpoint.map(c -> Set.copyOf(c.recentIds())).orElse(Set.of());
        Map<String, String> rebuiltUpTo = new HashMap<>();
        for (String lane : lanes) {
            String end = lastDelivered(lane);
            // Where the group began on this lane: what came before it the engine never saw.
            String origin = Objects.requireNonNullElse(leases.setOnce(lease.partition(), "origin:" + lane, end), end);
            String from = checkpointer.isPresent()
                    ? checkpoint
                            .map(c -> c.positions().get(lane))
                            .map(p -> later(origin, p))
                            .orElse(origin)
                    : later(origin, handledUpTo.get(lane));
            warnIfTrimmedAfter(lane, from, lease, checkpoint.isPresent());
            Set<String> pending = pendingIds(lane);
            List<String> delivered = new ArrayList<>();
            String cursor = from;
            String contiguous = from;
            boolean gap = false;
            while (lease.usable() && GroupPositions.compare(cursor, end) < 0) {
                List<StreamMessage<String, String>> page = leases.await(connections
                        .async()
                        .xrange(
                                lane,
                                Range.from(Range.Boundary.excluding(cursor), Range.Boundary.including(end)),
                                Limit.from(PAGE)));
                if (page.isEmpty()) {
                    break;
                }
                for (StreamMessage<String, String> entry : page) {
                    cursor = entry.getId();
                    boolean isPending = pending.contains(entry.getId());
                    boolean done = true;
                    if (included.contains(messageId(entry))) {
                        // in the checkpoint already, its outputs confirmed before it was stored
                        if (isPending) {
                            pending.remove(entry.getId());
                            delivered.add(entry.getId());
                        }
                    } else if (!isPending) {
                        replayed += replay(entry, context, lease) ? 1 : 0;
                    } else if (deliver(entry, live, lease, streams)) {
                        pending.remove(entry.getId());
                        delivered.add(entry.getId());
                    } else {
                        done = false;
                    }
                    gap |= !done;
                    if (!gap) {
                        contiguous = entry.getId();
                    }
                }
            }
            // up to the first entry not delivered (pending, the lease lapsed), or as far as it got
            rebuiltUpTo.put(lane, contiguous);
            if (!delivered.isEmpty()) {
                if (confirmation.await(confirmation.publishedSoFar(), delivered.size())) {
                    streams.ack(lane, group, delivered);
                } else {
                    pending.addAll(delivered);
                }
            }
            if (!pending.isEmpty()) {
                // Not delivered here (trimmed away, or the lease lapsed): the reader reads them as its own.
                leases.await(connections
                        .async()
                        .xclaim(
                                lane,
                                Consumer.from(group, consumer),
                                XClaimArgs.Builder.minIdleTime(0).justid(),
                                pending.toArray(String[]::new)));
            }
        }
        checkpointer.ifPresent(c -> c.includedUpTo(rebuiltUpTo));
        // A replay may have sent an output no earlier owner did (Replay.asNew): confirmed before
        // reading on, as its inputs are acknowledged already and a crash now would lose it.
        if (replayed > 0 && !confirmation.await(confirmation.publishedSoFar(), (int) Math.min(replayed, 1_000_000))) {
            LOG.warn(
                    "{}: outputs sent while replaying partition {} of group {} are not confirmed yet",
                    consumer,
                    lease.partition(),
                    group);
        }
        return replayed;
    }

    /**
     * Says so, as an error, when the lane may no longer hold all it had after {@code from}: the state
     * rebuilt for the partition then misses what was trimmed, and its figures may differ from those
     * of the instance that owned it before. Silence would make that a wrong result nobody sees.
     */
    private void warnIfTrimmedAfter(String lane, String from, PartitionLease lease, boolean fromCheckpoint) {
        StreamCounters counters = StreamCounters.fromXinfoStream(
                leases.await(transport.connections().async().xinfoStream(lane)));
        OptionalLong trimmed = counters.trimmedAfter(from);
        // Once per lane: in a long run every later takeover of it would say the same again.
        if (trimmed.orElse(0) > 0 && warnedLanes.add(lane)) {
            LOG.error(
                    "{} rebuilds partition {} of group {} from history that may be incomplete: {} starts at {}, "
                            + "after {} where the rebuild starts ({} entries trimmed from it in all), so state kept "
                            + "for the partition's keys may miss some of them (an engine that keeps none may "
                            + "ignore this). {}",
                    consumer,
                    lease.partition(),
                    group,
                    lane,
                    counters.firstEntryId().orElse("nothing"),
                    from,
                    trimmed.getAsLong(),
                    fromCheckpoint
                            ? "The checkpoint is older than the streams' retention: raise bus.stream_maxlen."
                            : "Give the engine checkpoints (a KeyedStatefulEngine with a store) or raise "
                                    + "bus.stream_maxlen above the partition's whole history.");
        }
    }

    private boolean replay(StreamMessage<String, String> entry, PartitionContext context, PartitionLease lease) {
        RawStreamEntry raw = RawStreamEntry.of(entry, transport.codec().limits());
        Message message;
        try {
            message = transport.codec().decode(raw, raw.id());
        } catch (MalformedEnvelopeException e) {
            return false; // dead-lettered by whoever delivered it
        }
        if (!matches(message.topic())) {
            return false;
        }
        try {
            // fenced too: what a replay sends as new (Replay.asNew) must leave under the lease only
            context.run(() -> PublishFence.run(lease, () -> Replay.run(handler, message)));
            return true;
        } catch (PublishFence.FencedOffException fenced) {
            return false; // the lease lapsed: the restore stops, the next owner replays it
        } catch (Exception e) {
            // It failed for its first owner too, or it would not have been acknowledged without a dead letter.
            LOG.warn(
                    "replaying {} {} for group {} (partition {}) failed: {}",
                    entry.getStream(),
                    entry.getId(),
                    group,
                    context.partition(),
                    e.toString());
            return false;
        }
    }

    /**
     * Delivers a pending entry as new, in its place: handled with its outputs published. A handler
     * that fails has its entry dead-lettered, as the reader would after its retries; false when
     * even that failed (the reader then gets it).
     */
    private boolean deliver(
            StreamMessage<String, String> entry,
            PartitionContext context,
            PartitionLease lease,
            StreamOperations streams) {
        RawStreamEntry raw = RawStreamEntry.of(entry, transport.codec().limits());
        try {
            Message message = transport.codec().decode(raw, raw.id());
            if (matches(message.topic())) {
                context.run(() -> PublishFence.run(lease, () -> handler.onMessage(message)));
            }
            return true;
        } catch (PublishFence.FencedOffException fenced) {
            return false; // the lease lapsed: the entry stays pending for the next owner
        } catch (Exception e) {
            try {
                streams.addDeadLetter(raw, group, 1, "failed while its partition changed hands: " + e);
                return true;
            } catch (RuntimeException notWritten) {
                return false;
            }
        }
    }

    /** The envelope's id; the entry's own where the envelope has none (as the codec decodes it). */
    private static String messageId(StreamMessage<String, String> entry) {
        return Objects.requireNonNullElse(entry.getBody().get(EnvelopeField.ID), entry.getId());
    }

    private boolean matches(String topic) {
        for (TopicPattern pattern : patterns) {
            if (pattern.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** The group's {@code last-delivered-id} on {@code lane} ({@code 0-0} if it never delivered). */
    private String lastDelivered(String lane) {
        List<Object> groups = leases.await(transport.connections().async().xinfoGroups(lane));
        for (Object info : groups) {
            if (info instanceof List<?> fields) {
                String name = null;
                String delivered = null;
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    String field = String.valueOf(fields.get(i));
                    if (field.equals("name")) {
                        name = String.valueOf(fields.get(i + 1));
                    } else if (field.equals("last-delivered-id")) {
                        delivered = String.valueOf(fields.get(i + 1));
                    }
                }
                if (group.equals(name) && delivered != null) {
                    return delivered;
                }
            }
        }
        throw new IllegalStateException("group " + group + " is missing on " + lane + " after it was created");
    }

    private Set<String> pendingIds(String lane) {
        List<PendingMessage> pending = leases.await(
                transport.connections().async().xpending(lane, group, Range.unbounded(), Limit.from(MAX_PENDING)));
        Set<String> ids = new HashSet<>();
        pending.forEach(p -> ids.add(p.getId()));
        return ids;
    }

    private static String later(String a, String b) {
        if (b == null) {
            return a;
        }
        return GroupPositions.compare(a, b) >= 0 ? a : b;
    }
}

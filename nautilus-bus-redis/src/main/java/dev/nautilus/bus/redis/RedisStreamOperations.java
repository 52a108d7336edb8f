package dev.nautilus.bus.redis;

import dev.nautilus.bus.redis.resp.RawStreamEntry;
import dev.nautilus.bus.redis.resp.RespSocket;
import dev.nautilus.bus.redis.resp.StreamEntriesReply;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link StreamOperations} of one reader: reads and acknowledgements on the reader's own blocking
 * {@link RespSocket} (the acknowledgements ride with the next read: one write per batch), the rare
 * commands (groups, claims, dead letters) on the bus's shared Lettuce connection.
 */
final class RedisStreamOperations implements StreamOperations {

    private final RedisConnections connections;
    private final RespSocket socket;
    private final DeadLetterStream deadLetters;
    private final ConnectionHealth health;
    private final String busName;

    RedisStreamOperations(
            RedisConnections connections,
            RespSocket socket,
            DeadLetterStream deadLetters,
            ConnectionHealth health,
            String busName) {
        this.connections = connections;
        this.socket = socket;
        this.deadLetters = deadLetters;
        this.health = health;
        this.busName = busName;
    }

    @Override
    public void createGroups(String group, Collection<String> streams, String from) {
        Map<String, String> fromByStream = new LinkedHashMap<>();
        streams.forEach(stream -> fromByStream.put(stream, from));
        createGroupsAt(group, fromByStream);
    }

    /**
     * Creates only the groups that do not exist yet: an {@code XGROUP CREATE} of an existing group
     * fails with {@code BUSYGROUP}, and every such reply counts as a failed call in the Redis's
     * {@code INFO commandstats}, which the monitor reports and operators alert on; a restarted
     * engine, a second instance or a partition taken over would otherwise add one per lane. A group
     * created by another process between the look and the creation still answers {@code BUSYGROUP},
     * which is harmless.
     */
    @Override
    public void createGroupsAt(String group, Map<String, String> fromByStream) {
        Map<String, String> missing = new LinkedHashMap<>(fromByStream);
        missing.keySet().removeAll(streamsWithGroup(group, fromByStream.keySet()));
        if (missing.isEmpty()) {
            return;
        }
        List<RedisFuture<String>> created = new ArrayList<>();
        missing.forEach((stream, from) -> created.add(connections
                .async()
                .xgroupCreate(StreamOffset.from(stream, from), group, new XGroupCreateArgs().mkstream(true))));
        connections.flush();
        Duration timeout = connections.commandTimeout();
        for (RedisFuture<String> future : created) {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating group " + group, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "cannot create consumer group '" + group + "' on the " + busName
                                + " bus: XGROUP CREATE not answered within " + timeout.toMillis() + " ms",
                        e);
            } catch (Exception e) {
                if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                    throw new IllegalStateException(
                            "cannot create consumer group '" + group + "' on the " + busName + " bus: "
                                    + ConnectionHealth.describe(e),
                            e);
                }
            }
        }
    }

    /** Those of {@code streams} that exist and have {@code group}; a stream that cannot be asked counts as without. */
    private List<String> streamsWithGroup(String group, Collection<String> streams) {
        Duration timeout = connections.commandTimeout();
        Map<String, RedisFuture<Long>> exists = new LinkedHashMap<>();
        streams.forEach(stream -> exists.put(stream, connections.async().exists(stream)));
        connections.flush();
        Map<String, RedisFuture<List<Object>>> groups = new LinkedHashMap<>();
        exists.forEach((stream, answer) -> {
            if (answered(answer, timeout, 0L) > 0) {
                groups.put(stream, connections.async().xinfoGroups(stream));
            }
        });
        if (groups.isEmpty()) {
            return List.of();
        }
        connections.flush();
        List<String> with = new ArrayList<>();
        groups.forEach((stream, answer) -> {
            for (Object info : answered(answer, timeout, List.<Object>of())) {
                if (info instanceof List<?> fields && namesGroup(fields, group)) {
                    with.add(stream);
                }
            }
        });
        return with;
    }

    /** {@code XINFO GROUPS} describes a group as {@code name <name> consumers <n> …}. */
    private static boolean namesGroup(List<?> fields, String group) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("name".equals(String.valueOf(fields.get(i)))) {
                return group.equals(String.valueOf(fields.get(i + 1)));
            }
        }
        return false;
    }

    private static <T> T answered(RedisFuture<T> future, Duration timeout, T otherwise) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        } catch (Exception e) {
            return otherwise; // asked again by XGROUP CREATE, which reports a real failure
        }
    }

    /**
     * The replies of the acknowledgements sent with this read come first; a refused one is
     * reported and otherwise harmless (the entry stays pending and comes back: at-least-once).
     */
    @Override
    public List<RawStreamEntry> readGroup(
            String group,
            String consumer,
            int count,
            Duration block,
            Collection<String> streams,
            Runnable acknowledged) {
        List<String> args = new ArrayList<>(8 + 2 * streams.size());
        args.addAll(List.of("XREADGROUP", "GROUP", group, consumer, "COUNT", Integer.toString(count)));
        if (block != null) {
            args.add("BLOCK");
            args.add(Long.toString(block.toMillis()));
        }
        args.add("STREAMS");
        args.addAll(streams);
        String id = block == null ? "0" : ">";
        for (int i = 0; i < streams.size(); i++) {
            args.add(id);
        }
        socket.command(args.toArray(String[]::new));
        socket.flush();
        for (RuntimeException refused : socket.readOwedReplies("XACK")) {
            // XACK is never refused for memory; the group-position HSET that follows it is, while
            // Redis is full: the position is then recorded with a later batch.
            if (!String.valueOf(refused.getMessage()).startsWith("OOM")) {
                health.failed("ack " + group, refused);
            }
        }
        acknowledged.run();
        return StreamEntriesReply.read(socket);
    }

    @Override
    public void ack(String stream, String group, List<String> ids) {
        String[] command = new String[3 + ids.size()];
        command[0] = "XACK";
        command[1] = stream;
        command[2] = group;
        for (int i = 0; i < ids.size(); i++) {
            command[3 + i] = ids.get(i);
        }
        socket.commandReplyLater(command);
    }

    @Override
    public void recordPosition(String key, String stream, String id) {
        socket.commandReplyLater("HSET", key, stream, id);
    }

    @Override
    public Map<String, String> recordedPositions(String key) {
        RedisFuture<Map<String, String>> positions = connections.async().hgetall(key);
        connections.flush();
        return await(positions);
    }

    @Override
    public void flushAcks() {
        socket.flushQuietly();
    }

    @Override
    public Map<String, ClaimedEntries> autoClaim(
            String group, String consumer, Duration minIdle, int count, Map<String, String> cursors) {
        Consumer<String> claimer = Consumer.from(group, consumer);
        Map<String, RedisFuture<ClaimedMessages<String, String>>> sent = new LinkedHashMap<>();
        cursors.forEach((stream, cursor) -> sent.put(
                stream,
                connections
                        .async()
                        .xautoclaim(
                                stream,
                                XAutoClaimArgs.Builder.xautoclaim(claimer, minIdle, cursor)
                                        .count(count))));
        connections.flush();
        Map<String, ClaimedEntries> pages = new LinkedHashMap<>();
        for (Map.Entry<String, RedisFuture<ClaimedMessages<String, String>>> stream : sent.entrySet()) {
            ClaimedMessages<String, String> claimed = await(stream.getValue());
            List<RawStreamEntry> entries = new ArrayList<>(claimed.getMessages().size());
            for (StreamMessage<String, String> message : claimed.getMessages()) {
                entries.add(RawStreamEntry.of(message, socket.entryLimits()));
            }
            pages.put(stream.getKey(), new ClaimedEntries(claimed.getId(), entries));
        }
        return pages;
    }

    @Override
    public Map<String, Long> deliveryCounts(
            String stream, String group, String consumer, String first, String last, long limit) {
        RedisFuture<List<PendingMessage>> pending = connections
                .async()
                .xpending(
                        stream,
                        new XPendingArgs<String>()
                                .group(group)
                                .consumer(Consumer.from(group, consumer))
                                .range(Range.create(first, last))
                                .limit(Limit.from(limit)));
        connections.flush();
        Map<String, Long> counts = new HashMap<>();
        for (PendingMessage entry : await(pending)) {
            counts.put(entry.getId(), entry.getRedeliveryCount());
        }
        return counts;
    }

    @Override
    public void addDeadLetter(RawStreamEntry entry, String group, long deliveries, String reason) {
        try {
            deadLetters.write(entry.stream(), entry.id(), entry.body(), group, deliveries, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + entry.id(), e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot dead-letter " + entry.stream() + " " + entry.id() + ": " + ConnectionHealth.describe(e), e);
        }
    }

    @Override
    public void followMovedSlot() {
        connections.refreshTopology();
        socket.reconnect();
    }

    @Override
    public void close() {
        socket.close();
    }

    private <T> T await(RedisFuture<T> future) {
        Duration timeout = connections.commandTimeout();
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RedisCommandTimeoutException("Redis did not answer within " + timeout.toMillis() + " ms");
        }
    }
}

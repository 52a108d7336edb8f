package dev.nautilus.bus.redis.monitor;

import dev.nautilus.bus.redis.partition.PartitionStatus;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples one Redis over a connection of its own, kept between samples and reopened after a
 * failure. Holds the previous CPU counters, so samples of one target must not overlap: {@link #sample()}
 * is synchronized.
 */
final class TargetSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TargetSampler.class);
    private static final String ERRORSTAT_PREFIX = "errorstat_";

    private final MonitorTarget target;
    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final Set<String> deadLetterStreams;
    private final Duration rescanInterval;

    // Volatile: close() runs on another thread, without waiting for a sample in progress.
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;
    private CpuUsage.Counter previousCpu;
    private boolean lastReachable = true;
    private Set<String> streamKeys;
    /** The partition lease hashes found with the stream keys. */
    private Set<String> partitionKeys = Set.of();

    private long streamKeysScannedAt;

    TargetSampler(MonitorTarget target, RedisClient client, Duration timeout, Duration rescanInterval) {
        this.target = target;
        this.client = client;
        this.timeout = timeout;
        this.rescanInterval = rescanInterval;
        this.deadLetterStreams = Set.copyOf(target.deadLetterStreams());
        try {
            this.uri = RedisURI.create(target.redisUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "monitor target " + target.name() + ": bad Redis URL '" + target.displayUrl() + "': "
                            + e.getMessage(),
                    e);
        }
        uri.setClientName(target.connectionName());
        uri.setTimeout(timeout);
        // Empty library name and version stop Lettuce from sending CLIENT SETINFO on connect: Redis
        // before 7.2 answers it with ERR, and the monitor must not add errors to the Redis it watches.
        uri.setLibraryName("");
        uri.setLibraryVersion("");
    }

    MonitorTarget target() {
        return target;
    }

    /** Samples the target; a Redis that cannot be reached or read is reported as unreachable, never thrown. */
    synchronized RedisSnapshot sample() {
        Instant takenAt = Instant.now();
        if (closed) {
            return RedisSnapshot.unreachable(target, takenAt, "monitor closed");
        }
        RedisSnapshot snapshot;
        try {
            snapshot = read(takenAt);
        } catch (RuntimeException e) {
            // Whatever broke (refused, timed out, reset, NOAUTH), the next sample starts on a fresh
            // connection and a fresh list of streams: the Redis may come back empty.
            closeConnection();
            streamKeys = null;
            snapshot = RedisSnapshot.unreachable(target, takenAt, describe(e));
        }
        if (snapshot.reachable() != lastReachable) {
            if (snapshot.reachable()) {
                LOG.info("{} is reachable again", target);
            } else {
                LOG.warn("{} is unreachable: {}", target, snapshot.error().orElse("?"));
            }
            lastReachable = snapshot.reachable();
        }
        return snapshot;
    }

    private RedisSnapshot read(Instant takenAt) {
        RedisCommands<String, String> sync = connection().sync();
        RedisInfo info = RedisInfo.parse(sync.info());
        long infoNanos = System.nanoTime();
        List<String> warnings = new ArrayList<>();

        CpuUsage.Counter cpuCounter = CpuUsage.Counter.from(info, infoNanos);
        CpuUsage cpu = cpuCounter == null ? CpuUsage.unavailable() : cpuCounter.since(previousCpu);
        previousCpu = cpuCounter;

        List<CommandStats> commands = List.of();
        try {
            commands = CommandStats.fromInfo(RedisInfo.parse(sync.info("commandstats")));
        } catch (RedisCommandExecutionException e) {
            warnings.add("INFO commandstats failed: " + e.getMessage());
        }
        Map<String, Integer> clients = Map.of();
        try {
            clients = ClientConnections.countByEngine(sync.clientList());
        } catch (RedisCommandExecutionException e) {
            warnings.add("CLIENT LIST failed: " + e.getMessage());
        }
        // A cluster node holds only the keys of its slots and answers MOVED for the others (which
        // Redis counts as errors): there, only the dead-letter streams found on the node are read.
        // A cluster replica answers MOVED to every key read: its copies are its master's, counted there.
        boolean clusterNode = info.text("cluster_enabled").filter("1"::equals).isPresent();
        boolean clusterReplica =
                clusterNode && info.text("role").filter("slave"::equals).isPresent();
        List<StreamInfo> streams = List.of();
        List<PartitionStatus> partitions = List.of();
        long deadLetters = 0;
        if (!clusterReplica) {
            try {
                streams = readStreams(sync);
            } catch (RedisCommandExecutionException e) {
                warnings.add("listing streams failed: " + e.getMessage());
            }
            try {
                partitions = PartitionLeaseScan.read(sync, target.streamPrefix(), partitionKeys, streams);
            } catch (RedisCommandExecutionException e) {
                warnings.add("reading partition leases failed: " + e.getMessage());
            }
            for (String dead : deadLetterStreams) {
                if (clusterNode && (streamKeys == null || !streamKeys.contains(dead))) {
                    continue;
                }
                try {
                    deadLetters += sync.xlen(dead);
                } catch (RedisCommandExecutionException e) {
                    // WRONGTYPE: something other than a stream sits at the dead-letter key.
                    warnings.add("XLEN " + dead + " failed: " + e.getMessage());
                }
            }
        }
        return new RedisSnapshot(
                target,
                takenAt,
                true,
                Optional.empty(),
                info.text("redis_version"),
                cpu,
                info.longValue("connected_clients"),
                clients,
                commands,
                errorStats(info),
                MemoryUsage.fromInfo(info),
                streams,
                deadLetters,
                warnings,
                partitions);
    }

    private List<StreamInfo> readStreams(RedisCommands<String, String> sync) {
        long now = System.nanoTime();
        if (streamKeys == null || now - streamKeysScannedAt >= rescanInterval.toNanos()) {
            streamKeys = scanStreamKeys(sync);
            partitionKeys = PartitionLeaseScan.keys(sync, escapeGlob(target.streamPrefix()));
            streamKeysScannedAt = now;
        }
        Set<String> keys = streamKeys;
        if (keys.isEmpty()) {
            return List.of();
        }
        // Sent all at once: Lettuce pipelines them on the connection, one round trip instead of 2 per stream.
        RedisAsyncCommands<String, String> async = connection().async();
        Map<String, RedisFuture<Long>> lengths = new LinkedHashMap<>();
        Map<String, RedisFuture<List<Object>>> groups = new LinkedHashMap<>();
        Map<String, RedisFuture<List<Object>>> counters = new LinkedHashMap<>();
        for (String key : keys) {
            lengths.put(key, async.xlen(key));
            groups.put(key, async.xinfoGroups(key));
            // Its counters give each group's "trimmed before delivery" (StreamCounters).
            counters.put(key, async.xinfoStream(key));
        }
        List<StreamInfo> streams = new ArrayList<>(keys.size());
        for (String key : keys) {
            Long length = await(lengths.get(key));
            List<Object> groupReply = await(groups.get(key));
            List<Object> streamReply = await(counters.get(key));
            if (length == null || groupReply == null) {
                continue; // deleted between SCAN and XINFO: it is gone, not an error
            }
            List<GroupInfo> groupInfos = GroupInfo.fromXinfoGroups(groupReply);
            if (streamReply != null) {
                StreamCounters stream = StreamCounters.fromXinfoStream(streamReply);
                groupInfos =
                        groupInfos.stream().map(g -> g.withTrimmedFrom(stream)).toList();
            }
            streams.add(new StreamInfo(key, length, deadLetterStreams.contains(key), groupInfos));
        }
        return streams;
    }

    /**
     * The stream keys under the prefix. SCAN, never KEYS: it walks the keyspace in steps instead of
     * blocking Redis for all of it. Still a walk of the whole keyspace, which on a main Redis with
     * millions of legacy keys is real work; hence it runs every {@code rescanInterval}, not every sample.
     */
    private Set<String> scanStreamKeys(RedisCommands<String, String> sync) {
        KeyScanArgs args = new KeyScanArgs()
                .match(escapeGlob(target.streamPrefix()) + ":*")
                .type("stream")
                .limit(1000);
        SortedSet<String> keys = new TreeSet<>();
        ScanIterator.scan(sync, args).forEachRemaining(keys::add);
        return Collections.unmodifiableSortedSet(keys);
    }

    /** The reply, or {@code null} when Redis answered with an error (e.g. the key vanished). */
    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisCommandExecutionException) {
                return null;
            }
            throw new IllegalStateException(describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no reply within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling", e);
        }
    }

    private static Map<String, Long> errorStats(RedisInfo info) {
        Map<String, Long> errors = new LinkedHashMap<>();
        info.fields().forEach((field, value) -> {
            if (field.startsWith(ERRORSTAT_PREFIX) && field.length() > ERRORSTAT_PREFIX.length()) {
                RedisInfo.parseLong(RedisInfo.subFields(value).get("count"))
                        .ifPresent(count -> errors.put(field.substring(ERRORSTAT_PREFIX.length()), count));
            }
        });
        return errors;
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || !current.isOpen()) {
            closeConnection();
            current = client.connect(uri);
            connection = current;
        }
        return current;
    }

    private void closeConnection() {
        StatefulRedisConnection<String, String> open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the monitor connection to {} failed", target, e);
            }
        }
    }

    /** One line saying what went wrong, innermost cause included (e.g. "Connection refused"). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message;
    }

    private static String escapeGlob(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** Closes the connection; a sample in progress fails and reports the target unreachable. */
    @Override
    public void close() {
        closed = true;
        closeConnection();
    }
}

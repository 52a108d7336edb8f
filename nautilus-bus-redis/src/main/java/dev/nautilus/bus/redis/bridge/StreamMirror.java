package dev.nautilus.bus.redis.bridge;

import dev.nautilus.bus.Redaction;
import dev.nautilus.bus.redis.MirrorFields;
import dev.nautilus.bus.redis.StreamIds;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import io.lettuce.core.Consumer;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of the bridge: each of {@code streams} on the source Redis copied, in order, to the
 * same key on the target Redis. It reads as its own consumer group ({@value #GROUP}) on the source,
 * so its position survives a restart and its lag shows in {@code XINFO GROUPS} (and on the monitor)
 * like any engine's. An entry is acknowledged on the source only after its copy is confirmed on the
 * target; the copy and a checkpoint (the hash {@code checkpointKey} on the target: source stream →
 * last copied id) are written by one script, so an entry read again after a crash is not copied twice.
 *
 * <p>Loop-free: every copy carries {@link MirrorFields#ORIGIN}, and an entry carrying it is
 * acknowledged without being copied, so what one direction wrote the other never sends back.
 */
public final class StreamMirror implements AutoCloseable {

    /** The bridge's consumer group on every source stream. */
    public static final String GROUP = "nautilus-bridge";

    private static final Logger LOG = LoggerFactory.getLogger(StreamMirror.class);
    private static final int BATCH = 512;
    private static final Duration BLOCK = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final String name;
    private final String origin;
    private final List<String> streams;
    private final String checkpointKey;
    private final long maxLen;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> reader;
    private final StatefulRedisConnection<String, String> source;
    private final StatefulRedisConnection<String, String> target;
    private final AtomicLong mirrored = new AtomicLong();
    private final AtomicLong alreadyCopied = new AtomicLong();
    private final AtomicLong loopsRefused = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private String scriptSha;

    /**
     * Connects, creates the bridge's group on each source stream (see {@link #startOf}) and starts
     * copying on a thread of its own.
     *
     * @param name          names the direction in connection names and logs, e.g. {@code main-to-marketdata}
     * @param origin        what copies say they came from, e.g. {@code main}
     * @param sourceUrl     the Redis read
     * @param targetUrl     the Redis written
     * @param streams       the stream keys copied (the same key on both sides)
     * @param checkpointKey the target's hash of last copied source ids
     * @param maxLen        approximate MAXLEN of the copies, as the bus trims its streams
     */
    public StreamMirror(
            String name,
            String origin,
            String sourceUrl,
            String targetUrl,
            List<String> streams,
            String checkpointKey,
            long maxLen) {
        this.name = Objects.requireNonNull(name, "name");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.streams = List.copyOf(streams);
        if (this.streams.isEmpty()) {
            throw new IllegalArgumentException("bridge " + name + " mirrors no stream");
        }
        this.checkpointKey = checkpointKey;
        this.maxLen = maxLen;
        this.client = RedisClient.create();
        try {
            this.reader = client.connect(uri(sourceUrl, "reader"));
            this.source = client.connect(uri(sourceUrl, "source"));
            this.target = client.connect(uri(targetUrl, "target"));
            streams.forEach(this::createGroup);
            this.scriptSha = target.sync().scriptLoad(MirrorScript.TEXT);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw new IllegalStateException(
                    "bridge " + name + " cannot start between " + Redaction.url(sourceUrl) + " and "
                            + Redaction.url(targetUrl) + ": " + e.getMessage(),
                    e);
        }
        this.thread =
                Thread.ofPlatform().name("nautilus-bridge-" + name).daemon(true).start(this::run);
    }

    private RedisURI uri(String url, String role) {
        RedisURI uri = RedisURI.create(url);
        uri.setClientName("nautilus:bridge:" + name + ":" + role);
        uri.setTimeout(TIMEOUT);
        return uri;
    }

    private void createGroup(String stream) {
        try {
            source.sync()
                    .xgroupCreate(
                            XReadArgs.StreamOffset.from(stream, startOf(stream)),
                            GROUP,
                            new XGroupCreateArgs().mkstream(true));
        } catch (RedisBusyException e) {
            // BUSYGROUP: a restarted bridge resumes where its group stands
        }
    }

    /**
     * Where a new bridge group starts on a stream: at the oldest position of the groups already
     * reading it (nothing any of them has not read is left behind), at {@code 0} when none reads it.
     */
    String startOf(String stream) {
        RedisCommands<String, String> redis = source.sync();
        if (redis.exists(stream) == 0) {
            return "0";
        }
        String oldest = null;
        for (GroupInfo group : GroupInfo.fromXinfoGroups(redis.xinfoGroups(stream))) {
            if (!group.name().equals(GROUP)
                    && (oldest == null || StreamIds.compare(group.lastDeliveredId(), oldest) < 0)) {
                oldest = group.lastDeliveredId();
            }
        }
        return oldest == null ? "0" : oldest;
    }

    private void run() {
        boolean pendingFirst = true;
        while (running) {
            try {
                List<StreamMessage<String, String>> batch = read(pendingFirst);
                if (batch.isEmpty()) {
                    pendingFirst = false;
                    continue;
                }
                copy(batch);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures.incrementAndGet();
                LOG.warn(
                        "bridge {}: {}; reading its pending entries again in {} ms",
                        name,
                        e.toString(),
                        RETRY_PAUSE.toMillis());
                pendingFirst = true;
                sleep(RETRY_PAUSE);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<StreamMessage<String, String>> read(boolean pending) {
        XReadArgs.StreamOffset<String>[] offsets = streams.stream()
                .map(s -> pending ? XReadArgs.StreamOffset.from(s, "0") : XReadArgs.StreamOffset.lastConsumed(s))
                .toArray(XReadArgs.StreamOffset[]::new);
        XReadArgs args = pending
                ? XReadArgs.Builder.count(BATCH)
                : XReadArgs.Builder.count(BATCH).block(BLOCK);
        List<StreamMessage<String, String>> read =
                reader.sync().xreadgroup(Consumer.from(GROUP, "bridge-1"), args, offsets);
        return read == null ? List.of() : read;
    }

    /** Copies a batch in order (pipelined), then acknowledges it on the source. */
    private void copy(List<StreamMessage<String, String>> batch) {
        List<RedisFuture<Long>> copies = new ArrayList<>(batch.size());
        Map<String, List<String>> acks = new LinkedHashMap<>();
        long refused = 0;
        for (StreamMessage<String, String> entry : batch) {
            acks.computeIfAbsent(entry.getStream(), s -> new ArrayList<>()).add(entry.getId());
            Map<String, String> body = entry.getBody();
            if (body == null || body.isEmpty()) {
                continue; // trimmed before the bridge read it: nothing left to copy
            }
            if (MirrorFields.isMirror(body)) {
                refused++;
                continue;
            }
            String[] args = new String[3 + 2 * body.size() + 4];
            int i = 0;
            args[i++] = entry.getStream();
            args[i++] = entry.getId();
            args[i++] = Long.toString(maxLen);
            for (Map.Entry<String, String> field : body.entrySet()) {
                args[i++] = field.getKey();
                args[i++] = field.getValue();
            }
            args[i++] = MirrorFields.ORIGIN;
            args[i++] = origin;
            args[i++] = MirrorFields.SOURCE_ID;
            args[i] = entry.getId();
            copies.add(target.async()
                    .evalsha(
                            scriptSha,
                            ScriptOutputType.INTEGER,
                            new String[] {entry.getStream(), checkpointKey},
                            args));
        }
        if (!copies.isEmpty()
                && !LettuceFutures.awaitAll(
                        TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, copies.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("copies not confirmed within " + TIMEOUT.toMillis() + " ms");
        }
        for (RedisFuture<Long> copy : copies) {
            Long written = join(copy);
            (written != null && written == 1 ? mirrored : alreadyCopied).incrementAndGet();
        }
        loopsRefused.addAndGet(refused);
        acks.forEach((stream, ids) -> source.sync().xack(stream, GROUP, ids.toArray(String[]::new)));
    }

    private Long join(RedisFuture<Long> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (String.valueOf(e.getCause().getMessage()).startsWith("NOSCRIPT")) {
                scriptSha = target.sync().scriptLoad(MirrorScript.TEXT); // the target restarted empty
            }
            throw new IllegalStateException(
                    "copy refused by the target: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Entries copied so far. */
    public long mirrored() {
        return mirrored.get();
    }

    /** Entries read again after a restart whose copy was already there (skipped by the checkpoint). */
    public long alreadyCopied() {
        return alreadyCopied.get();
    }

    /** Copies read on the source and not sent back (each would have been a loop). */
    public long loopsRefused() {
        return loopsRefused.get();
    }

    /** Read or copy attempts that failed and were retried. */
    public long failures() {
        return failures.get();
    }

    /** The direction's name. */
    public String name() {
        return name;
    }

    /**
     * Entries not yet copied, summed over the streams: the bridge group's lag plus what it holds
     * pending, from {@code XINFO GROUPS}; empty when Redis cannot tell for some stream.
     */
    public OptionalLong lag() {
        return BridgeLag.of(source.sync(), streams);
    }

    /** Waits until every entry in the source streams now has been copied (or was a copy itself). */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong lag = lag();
            if (lag.isPresent() && lag.getAsLong() == 0) {
                return true;
            }
            sleep(Duration.ofMillis(20));
        }
        return false;
    }

    /** Stops reading; a batch in hand is finished first (what is unacknowledged is read again at the next start). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }

    /** Stops at once, as a killed process would: no batch finished, nothing more acknowledged. */
    public void kill() {
        running = false;
        client.shutdown(Duration.ZERO, Duration.ZERO);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

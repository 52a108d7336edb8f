package dev.nautilus.bus.redis;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Redaction;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Settings of one bus on Redis Streams.
 *
 * @param url                  Redis URL ({@code redis://}, {@code rediss://} for TLS, {@code user:password@}, {@code /db})
 * @param clientIdentity       who this process is, for connection names {@code nautilus:<identity>:<bus>:<role>}
 * @param bufferSize           most messages sent in one pipelined batch (seed: 3000)
 * @param bufferInterval       longest a buffered message may wait for its batch (seed: 20 ms); see {@link BatchingPublisher}
 * @param streamMaxLen         approximate {@code MAXLEN} of every stream (seed: 100,000)
 * @param maxBufferedWhileDown most messages held for retry while Redis is unreachable; beyond, publishes fail
 * @param readCount            {@code COUNT} of each {@code XREADGROUP}, per stream
 * @param blockTimeout         {@code BLOCK} of each {@code XREADGROUP}: how long one read waits on the server
 * @param claimIdle            pending messages idle this long are claimed from their (dead) consumer
 * @param maxDeliveries        handler attempts before a message is dead-lettered
 * @param maxPayloadBytes      largest payload accepted, in UTF-8 bytes
 * @param newGroupsFrom        where a newly created group starts reading
 * @param commandTimeout       how long a command may take before the connection is treated as failing
 * @param cluster              whether {@code url} names a node of a Redis Cluster (the others are
 *                             discovered) rather than a single Redis; see {@link StreamLanes} for the keys
 * @param allowEvictingPolicy  whether to start on a Redis whose {@code maxmemory-policy} may evict
 *                             streams ({@code allkeys-*}); refused unless set, see {@link MemoryPolicy}
 * @param tls                  client certificate and trust store of every {@code rediss://} connection
 *                             ({@link RedisTls#NONE}: the JVM's defaults)
 * @param packedTypes          the types whose messages a batch holds for one stream are written as one
 *                             packed entry ({@link dev.nautilus.bus.redis.resp.PackedEntries}); none by
 *                             default, as the seeds' readers know only one message per entry
 */
public record RedisBusConfig(
        String url,
        String clientIdentity,
        int bufferSize,
        Duration bufferInterval,
        long streamMaxLen,
        int maxBufferedWhileDown,
        int readCount,
        Duration blockTimeout,
        Duration claimIdle,
        int maxDeliveries,
        int maxPayloadBytes,
        GroupStart newGroupsFrom,
        Duration commandTimeout,
        boolean cluster,
        boolean allowEvictingPolicy,
        RedisTls tls,
        Set<MessageType> packedTypes) {

    /** Where a consumer group created for the first time starts. */
    public enum GroupStart {
        /** Only messages published after the group was created: a new engine joins the live flow. */
        NEW_MESSAGES,
        /** Everything the stream still holds. */
        STREAM_START
    }

    public RedisBusConfig {
        Objects.requireNonNull(url, "url");
        if (clientIdentity == null || !clientIdentity.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException(
                    "clientIdentity must be letters, digits, '_', '.' or '-', was '" + clientIdentity + "'");
        }
        positive(bufferSize, "bufferSize");
        positive(streamMaxLen, "streamMaxLen");
        positive(maxBufferedWhileDown, "maxBufferedWhileDown");
        positive(readCount, "readCount");
        positive(maxDeliveries, "maxDeliveries");
        positive(maxPayloadBytes, "maxPayloadBytes");
        if (blockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("blockTimeout must be at least 1 ms (0 would block forever)");
        }
        Objects.requireNonNull(bufferInterval, "bufferInterval");
        Objects.requireNonNull(claimIdle, "claimIdle");
        Objects.requireNonNull(newGroupsFrom, "newGroupsFrom");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(tls, "tls");
        packedTypes = Set.copyOf(packedTypes);
    }

    /** The seed's defaults for the given Redis and process identity. */
    public static RedisBusConfig defaults(String url, String clientIdentity) {
        return new RedisBusConfig(
                url,
                clientIdentity,
                3000,
                Duration.ofMillis(20),
                100_000,
                100_000,
                500,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                5,
                1 << 20,
                GroupStart.NEW_MESSAGES,
                Duration.ofSeconds(10),
                false,
                false,
                RedisTls.NONE,
                Set.of());
    }

    public RedisBusConfig withUrl(String value) {
        return with(c -> c.url = value);
    }

    public RedisBusConfig withBuffer(int size, Duration interval) {
        return with(c -> {
            c.bufferSize = size;
            c.bufferInterval = interval;
        });
    }

    public RedisBusConfig withStreamMaxLen(long value) {
        return with(c -> c.streamMaxLen = value);
    }

    public RedisBusConfig withMaxBufferedWhileDown(int value) {
        return with(c -> c.maxBufferedWhileDown = value);
    }

    public RedisBusConfig withReads(int count, Duration block) {
        return with(c -> {
            c.readCount = count;
            c.blockTimeout = block;
        });
    }

    public RedisBusConfig withClaimIdle(Duration value) {
        return with(c -> c.claimIdle = value);
    }

    public RedisBusConfig withMaxDeliveries(int value) {
        return with(c -> c.maxDeliveries = value);
    }

    public RedisBusConfig withMaxPayloadBytes(int value) {
        return with(c -> c.maxPayloadBytes = value);
    }

    public RedisBusConfig withNewGroupsFrom(GroupStart value) {
        return with(c -> c.newGroupsFrom = value);
    }

    public RedisBusConfig withCommandTimeout(Duration value) {
        return with(c -> c.commandTimeout = value);
    }

    /** The same settings for a Redis Cluster ({@code true}) or a single Redis. */
    public RedisBusConfig withCluster(boolean value) {
        return with(c -> c.cluster = value);
    }

    /** The same settings, starting ({@code true}) or not on a Redis whose eviction policy can drop streams. */
    public RedisBusConfig withAllowEvictingPolicy(boolean value) {
        return with(c -> c.allowEvictingPolicy = value);
    }

    /** The same settings with this client certificate and trust store for {@code rediss://} connections. */
    public RedisBusConfig withTls(RedisTls value) {
        return with(c -> c.tls = value);
    }

    /**
     * The same settings, the messages of these types packed (see {@link BatchingPublisher}); every
     * reader of their streams must read packed entries (this bus from this version on, the Python
     * client {@code nautilus_bus}), which a seed reader does not.
     */
    public RedisBusConfig withPackedTypes(Set<MessageType> value) {
        return with(c -> c.packedTypes = value);
    }

    /** A copy with {@code change} applied, checked again by the canonical constructor. */
    private RedisBusConfig with(Consumer<Settings> change) {
        Settings copy = new Settings(this);
        change.accept(copy);
        return copy.build();
    }

    /**
     * The settings as plain fields, so that each wither above names the one it changes instead of
     * repeating all sixteen in order.
     */
    private static final class Settings {
        String url;
        String clientIdentity;
        int bufferSize;
        Duration bufferInterval;
        long streamMaxLen;
        int maxBufferedWhileDown;
        int readCount;
        Duration blockTimeout;
        Duration claimIdle;
        int maxDeliveries;
        int maxPayloadBytes;
        GroupStart newGroupsFrom;
        Duration commandTimeout;
        boolean cluster;
        boolean allowEvictingPolicy;
        RedisTls tls;
        Set<MessageType> packedTypes;

        Settings(RedisBusConfig config) {
            url = config.url;
            clientIdentity = config.clientIdentity;
            bufferSize = config.bufferSize;
            bufferInterval = config.bufferInterval;
            streamMaxLen = config.streamMaxLen;
            maxBufferedWhileDown = config.maxBufferedWhileDown;
            readCount = config.readCount;
            blockTimeout = config.blockTimeout;
            claimIdle = config.claimIdle;
            maxDeliveries = config.maxDeliveries;
            maxPayloadBytes = config.maxPayloadBytes;
            newGroupsFrom = config.newGroupsFrom;
            commandTimeout = config.commandTimeout;
            cluster = config.cluster;
            allowEvictingPolicy = config.allowEvictingPolicy;
            tls = config.tls;
            packedTypes = config.packedTypes;
        }

        RedisBusConfig build() {
            return new RedisBusConfig(
                    url,
                    clientIdentity,
                    bufferSize,
                    bufferInterval,
                    streamMaxLen,
                    maxBufferedWhileDown,
                    readCount,
                    blockTimeout,
                    claimIdle,
                    maxDeliveries,
                    maxPayloadBytes,
                    newGroupsFrom,
                    commandTimeout,
                    cluster,
                    allowEvictingPolicy,
                    tls,
                    packedTypes);
        }
    }

    /** How often a reader looks for pending messages of dead consumers. */
    public Duration claimInterval() {
        Duration half = claimIdle.dividedBy(2);
        return half.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : half;
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Every setting, the URL's password masked: a record's own {@code toString} would print it. */
    @Override
    public String toString() {
        return "RedisBusConfig[url=" + Redaction.url(url) + ", clientIdentity=" + clientIdentity + ", bufferSize="
                + bufferSize + ", bufferInterval=" + bufferInterval + ", streamMaxLen=" + streamMaxLen
                + ", maxBufferedWhileDown=" + maxBufferedWhileDown + ", readCount=" + readCount + ", blockTimeout="
                + blockTimeout + ", claimIdle=" + claimIdle + ", maxDeliveries=" + maxDeliveries + ", maxPayloadBytes="
                + maxPayloadBytes + ", newGroupsFrom=" + newGroupsFrom + ", commandTimeout=" + commandTimeout
                + ", cluster=" + cluster + ", allowEvictingPolicy=" + allowEvictingPolicy + ", tls=" + tls
                + ", packedTypes=" + packedTypes + "]";
    }
}

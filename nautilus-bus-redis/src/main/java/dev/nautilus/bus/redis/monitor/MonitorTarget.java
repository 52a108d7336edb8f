package dev.nautilus.bus.redis.monitor;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Redaction;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.RedisTls;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One Redis the monitor watches.
 *
 * @param name         what operators call it, e.g. {@code MarketData bus} or {@code main Redis}
 * @param busKey       the bus part of the monitor's connection name and the {@code bus} tag of its
 *                     meters: {@link Bus#key()} for a bus, {@code main} for the main Redis
 * @param redisUrl     the Redis URL, credentials included ({@code redis://} or {@code rediss://});
 *                     never printed as is, see {@link #displayUrl()}
 * @param streamPrefix the stream-key prefix whose streams are listed, {@code nautilus} by default
 * @param tls          client certificate and trust store for a {@code rediss://} URL
 *                     ({@link RedisTls#NONE}: the JVM's defaults)
 */
public record MonitorTarget(String name, String busKey, String redisUrl, String streamPrefix, RedisTls tls) {

    /** The bus part used for the main Redis, which carries no bus. */
    public static final String MAIN_BUS_KEY = "main";

    /** Validates the fields; the URL must be a {@code redis://} or {@code rediss://} URL. */
    public MonitorTarget {
        requireText(name, "name");
        requireText(busKey, "busKey");
        requireText(redisUrl, "redisUrl");
        requireText(streamPrefix, "streamPrefix");
        Objects.requireNonNull(tls, "tls");
        if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            throw new IllegalArgumentException("monitor target '" + name
                    + "': Redis URL must start with redis:// or rediss://, was '" + Redaction.url(redisUrl) + "'");
        }
    }

    /** A target with the JVM's default TLS settings. */
    public MonitorTarget(String name, String busKey, String redisUrl, String streamPrefix) {
        this(name, busKey, redisUrl, streamPrefix, RedisTls.NONE);
    }

    /** The same target, connecting with this client certificate and trust store. */
    public MonitorTarget withTls(RedisTls value) {
        return new MonitorTarget(name, busKey, redisUrl, streamPrefix, value);
    }

    /** The Redis of one bus, named after it (e.g. {@code MarketData bus}). */
    public static MonitorTarget forBus(Bus bus, String redisUrl, String streamPrefix) {
        return new MonitorTarget(bus.displayName() + " bus", bus.key(), redisUrl, streamPrefix);
    }

    /** The legacy main Redis, watched so that engine connections and failed calls left there show. */
    public static MonitorTarget mainRedis(String redisUrl, String streamPrefix) {
        return new MonitorTarget("main Redis", MAIN_BUS_KEY, redisUrl, streamPrefix);
    }

    /** The name the monitor's own connection gives itself: {@code nautilus:monitor:<bus>:monitor}. */
    public String connectionName() {
        return "nautilus:monitor:" + busKey + ":monitor";
    }

    /** The dead-letter streams looked at on this Redis: those of both buses under the prefix. */
    public List<String> deadLetterStreams() {
        RoutingTable routing = RoutingTable.withPrefix(streamPrefix);
        return Arrays.stream(Bus.values()).map(routing::deadLetterStream).toList();
    }

    /** The URL with any password replaced by {@code ***}, safe to print and log. */
    public String displayUrl() {
        return Redaction.url(redisUrl);
    }

    @Override
    public String toString() {
        return name + " (" + displayUrl() + ")";
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("monitor target " + field + " must not be blank");
        }
    }
}

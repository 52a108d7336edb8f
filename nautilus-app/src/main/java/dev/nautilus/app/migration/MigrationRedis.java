package dev.nautilus.app.migration;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Redaction;
import dev.nautilus.bus.RoutingTable;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The three Redis servers of a migration and one command connection to each, named
 * {@code nautilus:migrate:<redis>:command} (so {@code CLIENT LIST} does not count it as an engine's).
 *
 * @see Migration
 */
public final class MigrationRedis implements AutoCloseable {

    private final RoutingTable routing;
    private final String mainUrl;
    private final Map<Bus, String> busUrls;
    private final RedisClient client = RedisClient.create();
    private final StatefulRedisConnection<String, String> main;
    private final Map<Bus, StatefulRedisConnection<String, String>> buses = new EnumMap<>(Bus.class);

    /**
     * @param mainUrl the main Redis (the single layout)
     * @param busUrls the Redis of each bus (the dual layout)
     */
    public MigrationRedis(RoutingTable routing, String mainUrl, Map<Bus, String> busUrls) {
        this.routing = routing;
        this.mainUrl = mainUrl;
        this.busUrls = Map.copyOf(busUrls);
        try {
            this.main = connect(mainUrl, "main");
            for (Bus bus : Bus.values()) {
                buses.put(bus, connect(busUrls.get(bus), bus.key()));
            }
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw e;
        }
    }

    private StatefulRedisConnection<String, String> connect(String url, String name) {
        if (url == null) {
            throw new IllegalArgumentException("no Redis URL for the " + name + " Redis");
        }
        RedisURI uri = RedisURI.create(url);
        uri.setClientName("nautilus:migrate:" + name + ":command");
        try {
            return client.connect(uri);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach the " + name + " Redis at " + Redaction.url(url), e);
        }
    }

    /** The routing table (stream keys). */
    public RoutingTable routing() {
        return routing;
    }

    /** Commands on the main Redis. */
    public RedisCommands<String, String> main() {
        return main.sync();
    }

    /** Commands on a bus's Redis. */
    public RedisCommands<String, String> bus(Bus bus) {
        return buses.get(bus).sync();
    }

    /** Commands on the Redis that holds {@code bus}'s streams in {@code layout}. */
    public RedisCommands<String, String> of(Layout layout, Bus bus) {
        return layout == Layout.SINGLE ? main() : bus(bus);
    }

    /** The Redis that keeps the migration's record: the Engine Logic bus's, which stays. */
    public RedisCommands<String, String> recordKeeper() {
        return bus(Bus.ENGINE_LOGIC);
    }

    /** The main Redis's URL. */
    public String mainUrl() {
        return mainUrl;
    }

    /** Each bus's Redis URL. */
    public Map<Bus, String> busUrls() {
        return busUrls;
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}

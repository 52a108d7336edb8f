package dev.nautilus.app;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: builds the buses (and, as they land, engines, store and faces) from the
 * configuration, and owns them. Nothing else in the code base wires objects together.
 */
public final class Platform implements AutoCloseable {

    private final NautilusConfig config;
    private final MessageBus bus;

    private Platform(NautilusConfig config, MessageBus bus) {
        this.config = config;
        this.bus = bus;
    }

    /**
     * Starts the platform described by the configuration.
     *
     * @throws IllegalStateException when a configured Redis cannot be reached
     */
    public static Platform start(NautilusConfig config) {
        return new Platform(config, openBus(config.bus(), "platform"));
    }

    /**
     * The dual bus the settings describe: on Redis when both bus URLs are set, in memory otherwise.
     *
     * @param identity who this process is, in Redis connection names ({@code platform}, or an engine)
     */
    public static MessageBus openBus(BusSettings settings, String identity) {
        RoutingTable routing = RoutingTable.withPrefix(settings.streamPrefix());
        if (!settings.onRedis()) {
            return InMemoryTransport.dualBus(routing, InMemoryConfig.defaults().withMaxDeliveries(settings.maxDeliveries()));
        }
        return RedisBuses.dualBus(routing,
                redisConfig(settings, settings.marketDataUrl().orElseThrow(), identity),
                redisConfig(settings, settings.engineLogicUrl().orElseThrow(), identity));
    }

    private static RedisBusConfig redisConfig(BusSettings settings, RedisUrl url, String identity) {
        return RedisBusConfig.defaults(url.value(), identity)
                .withBuffer(settings.bufferSize(), settings.bufferInterval())
                .withStreamMaxLen(settings.streamMaxLen())
                .withMaxDeliveries(settings.maxDeliveries())
                .withClaimIdle(settings.claimIdle())
                .withMaxPayloadBytes(settings.maxPayloadBytes());
    }

    /** The dual bus. */
    public MessageBus bus() {
        return bus;
    }

    /** A few lines saying what runs where. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        RoutingTable routing = bus.routing();
        for (TransportStatus status : bus.status()) {
            Bus which = status.bus();
            lines.add(String.format("%-18s %-10s %-28s carries %s", which.displayName() + " bus", status.transport(),
                    status.endpoint(), routing.typesOn(which).stream().map(t -> t.wireName()).toList()));
        }
        lines.add(String.format("%-18s %s", "main Redis", config.bus().mainRedisUrl().map(u -> "watched at " + u).orElse("not watched")));
        lines.add(String.format("%-18s %s", "data directory", config.dataDir().toAbsolutePath().normalize()));
        return lines;
    }

    @Override
    public void close() {
        bus.close();
    }
}

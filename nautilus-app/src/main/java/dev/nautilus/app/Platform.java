package dev.nautilus.app;

import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
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
     * @throws UnsupportedOperationException for parts of the configuration whose transport has not landed
     */
    public static Platform start(NautilusConfig config) {
        if (config.bus().onRedis()) {
            throw new UnsupportedOperationException("Redis buses are not available yet (the Redis transport lands with issue #3); "
                    + "unset NAUTILUS_MARKETDATA_BUS_URL and NAUTILUS_ENGINE_LOGIC_BUS_URL to run in memory");
        }
        RoutingTable routing = RoutingTable.withPrefix(config.bus().streamPrefix());
        InMemoryConfig memory = InMemoryConfig.defaults().withMaxDeliveries(config.bus().maxDeliveries());
        return new Platform(config, InMemoryTransport.dualBus(routing, memory));
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

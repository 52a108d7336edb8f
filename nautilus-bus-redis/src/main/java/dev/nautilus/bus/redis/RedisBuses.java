package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusTransport;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.RoutingTable;
import java.util.EnumMap;
import java.util.Map;

/** Builds the dual bus on two Redis servers (or two databases/clusters of one). */
public final class RedisBuses {

    private RedisBuses() {}

    /**
     * Connects both buses. If the second cannot connect, the first is closed again.
     *
     * @param marketData  settings of the MarketData bus
     * @param engineLogic settings of the Engine Logic bus
     */
    public static DualMessageBus dualBus(RoutingTable routing, RedisBusConfig marketData, RedisBusConfig engineLogic) {
        Map<Bus, BusTransport> transports = new EnumMap<>(Bus.class);
        RedisTransport first = new RedisTransport(Bus.MARKETDATA, routing, marketData);
        try {
            transports.put(Bus.MARKETDATA, first);
            transports.put(Bus.ENGINE_LOGIC, new RedisTransport(Bus.ENGINE_LOGIC, routing, engineLogic));
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        return new DualMessageBus(routing, transports);
    }
}

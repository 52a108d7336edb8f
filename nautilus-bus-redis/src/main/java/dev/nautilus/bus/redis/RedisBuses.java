package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusTransport;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return dualBus(routing, marketData, engineLogic, PartitionPlan.NONE, LeaseSettings.DEFAULT);
    }

    /**
     * Connects both buses, the types of {@code partitions} split into partitions whose instances
     * share them under {@code leases} (see {@link RedisTransport#RedisTransport(Bus, RoutingTable,
     * RedisBusConfig, PartitionPlan, LeaseSettings)}).
     */
    public static DualMessageBus dualBus(
            RoutingTable routing,
            RedisBusConfig marketData,
            RedisBusConfig engineLogic,
            PartitionPlan partitions,
            LeaseSettings leases) {
        Map<Bus, BusTransport> transports = new EnumMap<>(Bus.class);
        RedisTransport first = new RedisTransport(Bus.MARKETDATA, routing, marketData, partitions, leases);
        RedisTransport second;
        try {
            second = new RedisTransport(Bus.ENGINE_LOGIC, routing, engineLogic, partitions, leases);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        transports.put(Bus.MARKETDATA, first);
        transports.put(Bus.ENGINE_LOGIC, second);
        // A group partitioned on both buses holds partition n of both as one: its joined state moves whole.
        return new DualMessageBus(
                routing, transports, (spec, handler) -> first.subscribeSpanning(List.of(second), spec, handler));
    }

    /**
     * Every stream the given types use on a single Redis: each type's plain stream and its priority
     * lanes (see {@link StreamLanes}), e.g. for the bridge that mirrors them during a migration.
     */
    public static List<String> laneKeys(RoutingTable routing, Set<MessageType> types) {
        return List.copyOf(new StreamLanes(routing, false).lanes(types).keySet());
    }

    /**
     * A group's replay lane on a single Redis, {@code <prefix>:<bus>:replay:<group>}: where the dead
     * letters replayed to that group arrive (see {@link dev.nautilus.bus.MessageBus#replay}).
     */
    public static String replayLane(RoutingTable routing, Bus bus, String group) {
        return RedisTransport.groupKey(routing, bus, "replay", group);
    }
}

package dev.nautilus.bench.chaos;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.RedisTransport;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** The bus settings and messages every scenario shares. */
public final class ChaosBus {

    private ChaosBus() {}

    /**
     * The product's defaults, except: a claim idle time and a command timeout short enough for a
     * bounded scenario, and new groups read the whole stream (a replay is what the scenarios drive).
     */
    public static RedisBusConfig config(String url, String identity, Duration claimIdle, Duration commandTimeout) {
        return RedisBusConfig.defaults(url, identity)
                .withClaimIdle(claimIdle)
                .withCommandTimeout(commandTimeout)
                .withNewGroupsFrom(RedisBusConfig.GroupStart.STREAM_START);
    }

    /** Both buses of one process, on the two given Redis URLs. */
    public static DualMessageBus dual(
            String marketData, String engineLogic, String identity, Duration claimIdle, Duration commandTimeout) {
        return RedisBuses.dualBus(
                RoutingTable.defaults(),
                config(marketData, identity, claimIdle, commandTimeout),
                config(engineLogic, identity, claimIdle, commandTimeout));
    }

    /** Input number {@code i}: a MarketData trade. */
    public static Message input(long i) {
        return Message.builder(MessageType.MARKET_DATA, "market_data.trade.CHAOS")
                .source("chaos")
                .payload(Map.of("i", i))
                .build();
    }

    /**
     * The output of an input: a signal whose id is derived from the input's, so a redelivered input
     * makes an output with the same id, which a downstream consumer can drop by id.
     */
    public static Message output(Message input) {
        return Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.chaos")
                .id(input.id() + "-out")
                .source("chaos-republisher")
                .payload(Map.of("input", input.id()))
                .build();
    }

    /** The input id an output was made for. */
    public static String inputOf(Message output) {
        return (String) output.payloadAs(Map.class).get("input");
    }

    /** A subscription of {@code group} to every message of {@code type}. */
    public static SubscriptionSpec spec(String group, String consumer, MessageType type) {
        return new SubscriptionSpec(group, consumer, List.of("*"), EnumSet.of(type));
    }

    /**
     * Publishes, and when the bus refuses with back-pressure waits 10 ms and tries again, as a
     * well-behaved producer does: for scenarios that publish faster than Redis takes.
     */
    public static void publishPatiently(MessageBus bus, Message message) throws InterruptedException {
        while (true) {
            try {
                bus.publish(message);
                return;
            } catch (dev.nautilus.bus.BusBackpressureException e) {
                Thread.sleep(10);
            }
        }
    }

    /** The Redis stream that carries {@code type} on {@code bus}. */
    public static String streamOf(DualMessageBus bus, MessageType type) {
        return ((RedisTransport) bus.transport(type.defaultBus())).streamOf(type);
    }

    /** Waits until everything {@code bus} published is confirmed by Redis, at most {@code timeout}. */
    public static void awaitConfirmed(MessageBus bus, Duration timeout) throws Exception {
        bus.confirmed().toCompletableFuture().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}

package dev.nautilus.bus.redis;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusTransport;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.partition.PartitionContext;
import dev.nautilus.bus.redis.partition.PartitionKeys;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consumer of the partitioned market data in a process of its own, for the tests that kill it
 * with SIGKILL or pause it with SIGSTOP; the same per-instrument state check as the test's
 * in-process consumers. Prints {@code READY} once subscribed, and per handled message
 * {@code HANDLED <consumer> <partition> <epoch> <instrument> <seq> <replay> <ok|bad>}, each line
 * flushed.
 *
 * <p>Arguments: Redis URL, consumer name; optionally an Engine Logic Redis URL and a handling time
 * in ms: then each message takes that long and its handler publishes an output
 * ({@link PartitionedSubscriptionTest#output}) through a dual bus, printing {@code FENCED <why>} when
 * the bus refuses it because the partition's lease lapsed meanwhile.
 */
public final class PartitionedConsumerProcess {

    private PartitionedConsumerProcess() {}

    public static void main(String[] args) throws Exception {
        String consumer = args[1];
        Map<String, Integer> state = new HashMap<>();
        Set<String> handledIds = new HashSet<>();
        RedisTransport transport = new RedisTransport(
                Bus.MARKETDATA,
                RoutingTable.defaults(),
                PartitionedSubscriptionTest.consumerConfig(args[0], false, consumer),
                PartitionedSubscriptionTest.PLAN,
                PartitionedSubscriptionTest.LEASES);
        MessageHandler publishing = message -> {};
        if (args.length >= 4) {
            DualMessageBus bus = new DualMessageBus(
                    RoutingTable.defaults(),
                    Map.<Bus, BusTransport>of(
                            Bus.MARKETDATA,
                            transport,
                            Bus.ENGINE_LOGIC,
                            new RedisTransport(
                                    Bus.ENGINE_LOGIC,
                                    RoutingTable.defaults(),
                                    RedisBusConfig.defaults(args[2], consumer))));
            long handleMillis = Long.parseLong(args[3]);
            publishing = message -> {
                Thread.sleep(handleMillis);
                try {
                    bus.publish(PartitionedSubscriptionTest.output(message, consumer));
                } catch (IllegalStateException fenced) {
                    System.out.println("FENCED " + fenced.getMessage());
                    System.out.flush();
                    throw fenced;
                }
            };
        }
        MessageHandler outputs = publishing;
        transport.subscribe(
                new SubscriptionSpec("vpin", consumer, List.of("market_data.trade.*"), Set.of(MessageType.MARKET_DATA)),
                message -> {
                    if (!handledIds.add(message.id())) {
                        // handled before it lost the partition, not acknowledged, replayed when it took the
                        // partition back: dropped by id, as an engine's runtime drops it
                        return;
                    }
                    PartitionContext context = PartitionContext.current().orElseThrow();
                    String instrument = PartitionKeys.keyOf(message.type(), message.topic());
                    int seq = ((Number) message.payloadAs(Map.class).get("i")).intValue();
                    boolean ok = seq == state.getOrDefault(instrument, 0) + 1;
                    state.put(instrument, seq);
                    if (!context.replaying()) {
                        outputs.onMessage(message);
                    }
                    System.out.println("HANDLED " + consumer + " " + context.partition() + " " + context.epoch() + " "
                            + instrument + " " + seq + " " + context.replaying() + " " + (ok ? "ok" : "bad"));
                    System.out.flush();
                });
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}

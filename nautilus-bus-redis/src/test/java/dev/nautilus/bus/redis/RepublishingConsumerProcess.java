package dev.nautilus.bus.redis;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A consumer in a process of its own that republishes every MarketData input as a signal on the
 * Engine Logic bus, for tests that kill it with SIGKILL. Prints {@code READY} once subscribed and
 * {@code HANDLED <i>} per input, each line flushed. Arguments: MarketData URL, Engine Logic URL,
 * group, consumer.
 */
public final class RepublishingConsumerProcess {

    private RepublishingConsumerProcess() {}

    public static void main(String[] args) throws Exception {
        DualMessageBus bus = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(args[0], args[2]),
                RedisBusConfig.defaults(args[1], args[2]));
        MessageHandler republish = republishing(bus);
        bus.subscribe(new SubscriptionSpec(args[2], args[3], List.of("*"), EnumSet.of(MessageType.MARKET_DATA)), m -> {
            republish.onMessage(m);
            System.out.println("HANDLED " + m.payloadAs(Map.class).get("i"));
            System.out.flush();
        });
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Publishes, per input, one signal that carries the input's id ({@code input}) and number ({@code i}). */
    static MessageHandler republishing(MessageBus bus) {
        return input -> bus.publish(Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross")
                .source("republisher")
                .payload(Map.of(
                        "input", input.id(), "i", input.payloadAs(Map.class).get("i")))
                .build());
    }
}

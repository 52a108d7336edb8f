package dev.nautilus.bus.redis;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A consumer in a process of its own, for tests that kill it with SIGKILL. Prints {@code READY}
 * once subscribed and {@code HANDLED <i>} per message, each line flushed.
 * Arguments: MarketData URL, Engine Logic URL, group, consumer, handler delay in ms.
 */
public final class ConsumerProcess {

    private ConsumerProcess() {}

    public static void main(String[] args) throws Exception {
        long delay = Long.parseLong(args[4]);
        DualMessageBus bus = RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(args[0], args[2]),
                RedisBusConfig.defaults(args[1], args[2]));
        bus.subscribe(new SubscriptionSpec(args[2], args[3], List.of("*"), EnumSet.of(MessageType.MARKET_DATA)), m -> {
            Thread.sleep(delay);
            System.out.println("HANDLED " + m.payloadAs(Map.class).get("i"));
            System.out.flush();
        });
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}

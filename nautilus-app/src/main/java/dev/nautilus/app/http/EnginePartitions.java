package dev.nautilus.app.http;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.redis.RedisTransport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /messagebus/partitions}: per bus, the partitions this process's subscriptions hold
 * now ({@code held}, by {@code group/consumer}) and every partition of their groups as the bus's
 * Redis records it ({@code partitions}: owner, epoch, rebalances, lag). Empty on in-memory buses
 * and for groups that read no partitioned type.
 */
final class EnginePartitions {

    private EnginePartitions() {}

    static Map<String, Object> of(MessageBus bus) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (bus instanceof DualMessageBus dual) {
            for (Bus each : Bus.values()) {
                if (dual.transport(each) instanceof RedisTransport redis
                        && !redis.heldPartitions().isEmpty()) {
                    body.put(each.key(), Map.of("held", redis.heldPartitions(), "partitions", redis.partitions()));
                }
            }
        }
        return body;
    }
}

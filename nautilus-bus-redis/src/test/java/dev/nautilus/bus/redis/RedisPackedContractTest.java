package dev.nautilus.bus.redis;

import dev.nautilus.bus.MessageType;
import java.util.EnumSet;

/**
 * The transport contract with every type packed: priorities, retries, dead letters, the publish
 * barrier and replays hold for messages that travel several to a stream entry.
 */
class RedisPackedContractTest extends RedisContractTest {

    @Override
    protected RedisBusConfig adjusted(RedisBusConfig config) {
        return config.withPackedTypes(EnumSet.allOf(MessageType.class));
    }
}

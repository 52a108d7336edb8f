package dev.nautilus.engines.host;

import dev.nautilus.bus.MessageType;
import java.util.List;
import java.util.Set;

/**
 * One row of the subscription/publication matrix.
 *
 * @param name          engine name, also its consumer group, e.g. {@code risk}
 * @param displayName   name for people, e.g. {@code Risk}
 * @param defaultPort   HTTP port before the configured offset
 * @param subscriptions topic patterns it reads (empty: it reads nothing from the bus)
 * @param types         message types it reads; they decide which streams are read
 * @param publications  topic patterns it publishes on
 */
public record EngineWiring(
        String name,
        String displayName,
        int defaultPort,
        List<String> subscriptions,
        Set<MessageType> types,
        List<String> publications) {

    public EngineWiring {
        subscriptions = List.copyOf(subscriptions);
        types = Set.copyOf(types);
        publications = List.copyOf(publications);
        if (subscriptions.isEmpty() != types.isEmpty()) {
            throw new IllegalArgumentException(
                    "engine " + name + ": subscriptions and types must both be given or both be empty");
        }
    }

    /** Whether the engine reads anything from the bus. */
    public boolean subscribes() {
        return !subscriptions.isEmpty();
    }
}

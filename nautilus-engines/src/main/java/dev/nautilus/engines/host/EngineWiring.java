package dev.nautilus.engines.host;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.TopicPattern;
import java.util.List;
import java.util.Set;

/**
 * What an engine listens to and says: the topic patterns it subscribes, the message types those
 * patterns travel as (they decide which buses and streams are read), and the topic patterns it
 * publishes. Data, not code: the host subscribes from it and {@code /messagebus/subscriptions} shows it.
 *
 * @param subscribes topic patterns handled by the engine; empty for a pure source
 * @param reads      message types read for those patterns
 * @param publishes  topic patterns the engine publishes under
 */
public record EngineWiring(List<String> subscribes, Set<MessageType> reads, List<String> publishes) {

    public EngineWiring {
        subscribes.forEach(TopicPattern::compile);
        publishes.forEach(TopicPattern::compile);
        subscribes = List.copyOf(subscribes);
        reads = Set.copyOf(reads);
        publishes = List.copyOf(publishes);
        if (subscribes.isEmpty() != reads.isEmpty()) {
            throw new IllegalArgumentException("an engine that subscribes patterns must read message types, and the other way round");
        }
    }
}

package dev.nautilus.bus.memory;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.TopicPattern;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** One engine's group on the in-memory bus: what it matches, its queue and its consumers. */
final class ConsumerGroup {

    private final String name;
    private final List<String> patternTexts;
    private final TopicPattern[] patterns;
    private final Set<MessageType> types;
    private final PriorityLanes lanes;
    private final List<ConsumerLoop> consumers = new CopyOnWriteArrayList<>();

    ConsumerGroup(SubscriptionSpec spec, int laneCapacity) {
        this.name = spec.group();
        this.patternTexts = spec.patterns();
        this.patterns = spec.compiledPatterns().toArray(TopicPattern[]::new);
        this.types = EnumSet.copyOf(spec.types());
        this.lanes = new PriorityLanes(laneCapacity);
    }

    /** Whether a message of this type and topic is for this group. */
    boolean accepts(MessageType type, String topic) {
        if (!types.contains(type)) {
            return false;
        }
        for (TopicPattern pattern : patterns) {
            if (pattern.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a consumer whose spec disagrees with the group's, which would make sharing ambiguous. */
    void requireCompatible(SubscriptionSpec spec) {
        if (!patternTexts.equals(spec.patterns()) || !types.equals(spec.types())) {
            throw new IllegalArgumentException("consumer '" + spec.consumer() + "' of group '" + name
                    + "' subscribes " + spec.patterns() + " " + spec.types() + " but the group has "
                    + patternTexts + " " + types + "; all instances of an engine must subscribe alike");
        }
        for (ConsumerLoop consumer : consumers) {
            if (consumer.spec().consumer().equals(spec.consumer())) {
                throw new IllegalArgumentException(
                        "consumer '" + spec.consumer() + "' already subscribed in group '" + name + "'");
            }
        }
    }

    String name() {
        return name;
    }

    PriorityLanes lanes() {
        return lanes;
    }

    List<ConsumerLoop> consumers() {
        return consumers;
    }
}

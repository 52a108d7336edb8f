package dev.nautilus.bus;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a consumer wants: its group (the engine), its own name within the group (the engine
 * instance), the topic patterns it matches and the message types it reads.
 *
 * <p>Every group receives every matching message; the consumers of one group share them. All
 * consumers of a group must ask for the same patterns and types.
 *
 * @param group    consumer group: the engine name, e.g. {@code risk}
 * @param consumer consumer within the group: the engine instance, e.g. {@code risk-1}
 * @param patterns topic patterns (see {@link TopicPattern}); a message matching any of them is delivered
 * @param types    message types read; they decide which buses and streams are read
 */
public record SubscriptionSpec(String group, String consumer, List<String> patterns, Set<MessageType> types) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,100}");

    public SubscriptionSpec {
        requireName(group, "group");
        requireName(consumer, "consumer");
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("subscription of group '" + group + "' has no topic pattern");
        }
        patterns.forEach(TopicPattern::compile);
        patterns = List.copyOf(patterns);
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("subscription of group '" + group + "' reads no message type");
        }
        types = Set.copyOf(EnumSet.copyOf(types));
    }

    /** A subscription reading every message type. */
    public static SubscriptionSpec allTypes(String group, String consumer, List<String> patterns) {
        return new SubscriptionSpec(group, consumer, patterns, EnumSet.allOf(MessageType.class));
    }

    /** The same subscription restricted to the given types. */
    public SubscriptionSpec withTypes(Set<MessageType> subset) {
        return new SubscriptionSpec(group, consumer, patterns, subset);
    }

    /** The compiled patterns. */
    public List<TopicPattern> compiledPatterns() {
        return patterns.stream().map(TopicPattern::compile).toList();
    }

    private static void requireName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " name '" + value + "' must be 1-100 characters of letters, digits, '_', '.' or '-'");
        }
    }
}

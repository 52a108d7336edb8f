package dev.nautilus.bus;

/**
 * Rules for message topics: dotted names such as {@code market_data.trade.BTCUSD}.
 * A topic is non-empty, has no empty segment (no leading, trailing or doubled dot), and contains
 * no whitespace, control characters or the wildcard characters {@code *} and {@code ?}.
 */
public final class Topics {

    private Topics() {
    }

    /**
     * Returns the topic unchanged when it is valid.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String requireValid(String topic) {
        String problem = problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic '" + topic + "': " + problem);
        }
        return topic;
    }

    /** Whether {@link #requireValid} would accept the topic. */
    public static boolean isValid(String topic) {
        return problem(topic) == null;
    }

    private static String problem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "it is empty";
        }
        char previous = '.';
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '.' && previous == '.') {
                return "empty segment at index " + i;
            }
            if (c == '*' || c == '?') {
                return "wildcard '" + c + "' at index " + i + " (wildcards belong in patterns)";
            }
            if (c <= ' ' || Character.isWhitespace(c)) {
                return "whitespace or control character at index " + i;
            }
            previous = c;
        }
        if (previous == '.') {
            return "it ends with a dot";
        }
        return null;
    }
}

package dev.nautilus.bus;

/**
 * Rules for message topics: dotted names such as {@code market_data.trade.BTCUSD}.
 * A topic is non-empty, has no empty segment (no leading, trailing or doubled dot), and contains
 * no whitespace, control characters or the wildcard characters {@code *} and {@code ?}.
 */
public final class Topics {

    /**
     * Topics already found valid, by reference, in a small direct-mapped table: publishers reuse
     * their topic strings, so most checks are one array read. Races only cost a re-check.
     */
    private static final String[] VALIDATED = new String[4096];

    /** ASCII characters allowed in a topic. */
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = '!'; c < 127; c++) {
            ALLOWED[c] = c != '*' && c != '?';
        }
    }

    private Topics() {}

    /**
     * Returns the topic unchanged when it is valid.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String requireValid(String topic) {
        if (topic != null) {
            int slot = topic.hashCode() & (VALIDATED.length - 1);
            if (VALIDATED[slot] == topic) {
                return topic;
            }
            if (fastValid(topic)) {
                VALIDATED[slot] = topic;
                return topic;
            }
        }
        String problem = problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException("invalid topic " + Printable.of(topic) + ": " + problem);
        }
        return topic;
    }

    /**
     * The key a message on {@code topic} is partitioned by: what follows the topic's second
     * {@code .} (the instrument of {@code market_data.trade.<instrument>}, the account of
     * {@code portfolio.update.<account>}); a topic with fewer segments is its own key.
     */
    public static String partitionKey(String topic) {
        int first = topic.indexOf('.');
        int second = first < 0 ? -1 : topic.indexOf('.', first + 1);
        return second < 0 || second == topic.length() - 1 ? topic : topic.substring(second + 1);
    }

    /** Whether {@link #requireValid} would accept the topic. */
    public static boolean isValid(String topic) {
        return problem(topic) == null;
    }

    /** True for plain ASCII topics without empty segments; anything else takes the slow path. */
    private static boolean fastValid(String topic) {
        int length = topic.length();
        if (length == 0 || topic.charAt(0) == '.' || topic.charAt(length - 1) == '.') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < length; i++) {
            char c = topic.charAt(i);
            if (c >= 128 || !ALLOWED[c] || (c == '.' && previous == '.')) {
                return false;
            }
            previous = c;
        }
        return true;
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

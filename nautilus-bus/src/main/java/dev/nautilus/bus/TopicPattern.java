package dev.nautilus.bus;

/**
 * A compiled topic pattern with NautilusTrader's wildcard semantics: {@code *} matches any run of
 * characters, dots included (also the empty run), and {@code ?} matches exactly one character.
 * Every other character matches itself. Patterns without wildcards match only the exact topic.
 *
 * <p>Matching allocates nothing; callers cache the result per topic, so a pattern is evaluated once
 * per distinct topic rather than once per message.
 */
public final class TopicPattern {

    private enum Kind {
        EXACT,
        PREFIX,
        ANY,
        GLOB
    }

    private final String pattern;
    private final Kind kind;
    private final String literal;

    private TopicPattern(String pattern) {
        this.pattern = pattern;
        int star = pattern.indexOf('*');
        boolean hasQuestion = pattern.indexOf('?') >= 0;
        if (star < 0 && !hasQuestion) {
            kind = Kind.EXACT;
            literal = pattern;
        } else if ("*".equals(pattern)) {
            kind = Kind.ANY;
            literal = "";
        } else if (!hasQuestion && star == pattern.length() - 1) {
            kind = Kind.PREFIX;
            literal = pattern.substring(0, star);
        } else {
            kind = Kind.GLOB;
            literal = pattern;
        }
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException when the pattern is empty or contains whitespace
     */
    public static TopicPattern compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("topic pattern is empty");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c <= ' ' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(
                        "invalid topic pattern '" + pattern + "': whitespace or control character at index " + i);
            }
        }
        return new TopicPattern(pattern);
    }

    /** Whether the topic matches this pattern. */
    public boolean matches(String topic) {
        return switch (kind) {
            case EXACT -> literal.equals(topic);
            case ANY -> true;
            case PREFIX -> topic.startsWith(literal);
            case GLOB -> glob(literal, topic);
        };
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /**
     * Iterative wildcard match with single-star backtracking: linear in practice, and never
     * exponential because only the most recent star is ever revisited.
     */
    private static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int starAt = -1;
        int resumeText = 0;
        int pLen = pattern.length();
        int tLen = text.length();
        while (t < tLen) {
            if (p < pLen) {
                char pc = pattern.charAt(p);
                if (pc == '*') {
                    starAt = p++;
                    resumeText = t;
                    continue;
                }
                if (pc == '?' || pc == text.charAt(t)) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (starAt < 0) {
                return false;
            }
            p = starAt + 1;
            t = ++resumeText;
        }
        while (p < pLen && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pLen;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}

package dev.nautilus.engines.topics;

/**
 * The topics of one kind of message, all starting with one prefix: {@code market_data.trade.BTCUSD},
 * {@code market_data.trade.ETHUSD}, … are the family {@code market_data.trade.}. Builds a topic from
 * its key (instrument, account, universe, …), the pattern that reads the whole family, and tells
 * whether a topic belongs to it.
 *
 * @param prefix the topic up to and including the dot before the key, e.g. {@code market_data.trade.}
 */
public record TopicFamily(String prefix) {

    public TopicFamily {
        if (prefix == null || !prefix.endsWith(".") || prefix.contains("*") || prefix.contains("?")) {
            throw new IllegalArgumentException(
                    "a topic family's prefix ends with a dot and has no wildcard, was " + prefix);
        }
    }

    /** The topic of {@code key}, e.g. {@code market_data.trade.BTCUSD} for {@code BTCUSD}. */
    public String topic(String key) {
        return prefix + key;
    }

    /** The pattern that matches every topic of the family, e.g. {@code market_data.trade.*}. */
    public String pattern() {
        return prefix + "*";
    }

    /** Whether the topic belongs to the family (or to a family nested in it, such as {@code vpin.calculation.enhanced.}). */
    public boolean matches(String topic) {
        return topic.startsWith(prefix);
    }

    /**
     * The key a topic of this family carries, e.g. {@code BTCUSD} for {@code market_data.trade.BTCUSD}.
     *
     * @throws IllegalArgumentException when the topic is not of this family
     */
    public String key(String topic) {
        if (!matches(topic)) {
            throw new IllegalArgumentException("topic " + topic + " is not of the family " + pattern());
        }
        return topic.substring(prefix.length());
    }
}

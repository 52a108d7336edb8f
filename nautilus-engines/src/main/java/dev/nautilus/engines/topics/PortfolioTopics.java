package dev.nautilus.engines.topics;

/** Topics of the Portfolio engine. */
public final class PortfolioTopics {

    /** An account's portfolio after each signal, keyed by account. */
    public static final TopicFamily UPDATES = new TopicFamily("portfolio.update.");
    /** Fills that changed a position, keyed by instrument. */
    public static final TopicFamily POSITION_CHANGES = new TopicFamily("position.change.");

    /** Everything under {@code portfolio.}. */
    public static final String ALL = "portfolio.*";

    private PortfolioTopics() {}

    /** The topic of an account's portfolio updates. */
    public static String update(String account) {
        return UPDATES.topic(account);
    }

    /** The topic of an instrument's position changes. */
    public static String positionChange(String instrument) {
        return POSITION_CHANGES.topic(instrument);
    }
}

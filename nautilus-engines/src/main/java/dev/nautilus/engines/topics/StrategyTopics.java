package dev.nautilus.engines.topics;

/** Topics of the Strategy engine. */
public final class StrategyTopics {

    /** Strategy signals, keyed by {@code <strategy>.<instrument>}. */
    public static final TopicFamily SIGNALS = new TopicFamily("strategy.signal.");

    /** Everything under {@code strategy.}. */
    public static final String ALL = "strategy.*";

    private StrategyTopics() {}

    /** The topic of a strategy's signals for an instrument, e.g. {@code strategy.signal.vpin_ma_cross.BTCUSD}. */
    public static String signal(String strategy, String instrument) {
        return SIGNALS.topic(strategy + "." + instrument);
    }
}

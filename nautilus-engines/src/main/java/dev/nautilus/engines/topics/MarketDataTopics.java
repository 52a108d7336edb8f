package dev.nautilus.engines.topics;

/** Topics of the MarketData hub: trades, bars, reference data and prices, and the snapshot requests it answers. */
public final class MarketDataTopics {

    /** Validated trades, keyed by instrument. */
    public static final TopicFamily TRADES = new TopicFamily("market_data.trade.");
    /** Time bars, keyed by instrument. */
    public static final TopicFamily BARS = new TopicFamily("market_data.bar.");
    /** Instruments' reference data, keyed by symbol. */
    public static final TopicFamily INSTRUMENTS = new TopicFamily("market_data.instrument.");
    /** Last prices (one per bar), keyed by instrument. */
    public static final TopicFamily PRICES = new TopicFamily("price.update.");
    /** Requests for an instrument's snapshot, keyed by instrument; the hub answers on the reply topic. */
    public static final TopicFamily SNAPSHOT_REQUESTS = new TopicFamily("market_data.snapshot.");

    /** Everything under {@code market_data.}. */
    public static final String ALL = "market_data.*";
    /** Every trade. */
    public static final String ALL_TRADES = TRADES.pattern();
    /** Every bar. */
    public static final String ALL_BARS = BARS.pattern();

    private MarketDataTopics() {}

    /** The topic of an instrument's trades. */
    public static String trade(String instrument) {
        return TRADES.topic(instrument);
    }

    /** The topic of an instrument's bars. */
    public static String bar(String instrument) {
        return BARS.topic(instrument);
    }

    /** The topic of an instrument's reference data. */
    public static String instrument(String symbol) {
        return INSTRUMENTS.topic(symbol);
    }

    /** The topic of an instrument's last price. */
    public static String price(String instrument) {
        return PRICES.topic(instrument);
    }

    /** The topic to ask the hub for an instrument's snapshot on. */
    public static String snapshotRequest(String instrument) {
        return SNAPSHOT_REQUESTS.topic(instrument);
    }
}

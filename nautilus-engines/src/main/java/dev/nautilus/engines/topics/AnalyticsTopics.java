package dev.nautilus.engines.topics;

/** Topics of the Analytics engine, keyed by account. */
public final class AnalyticsTopics {

    /** A completed period's return. */
    public static final TopicFamily PERIODS = new TopicFamily("analytics.result.period.");
    /** The performance summary after each portfolio update. */
    public static final TopicFamily SUMMARIES = new TopicFamily("analytics.result.summary.");

    /** Every result (periods and summaries). */
    public static final String ALL_RESULTS = "analytics.result.*";
    /** Everything under {@code analytics.}. */
    public static final String ALL = "analytics.*";

    private AnalyticsTopics() {}

    /** The topic of an account's completed periods. */
    public static String period(String account) {
        return PERIODS.topic(account);
    }

    /** The topic of an account's performance summaries. */
    public static String summary(String account) {
        return SUMMARIES.topic(account);
    }
}

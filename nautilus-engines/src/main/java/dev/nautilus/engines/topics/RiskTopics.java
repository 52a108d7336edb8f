package dev.nautilus.engines.topics;

/** Topics of the Risk engine. */
public final class RiskTopics {

    /** Risk alerts, keyed by the alert's kind (e.g. {@code drawdown}). */
    public static final TopicFamily ALERTS = new TopicFamily("risk.alert.");
    /** An account's risk metrics after each portfolio update, keyed by account. */
    public static final TopicFamily METRICS = new TopicFamily("risk.metric.");

    /** The flash-crash alert. */
    public static final String FLASH_CRASH_ALERT = ALERTS.topic("flash_crash");
    /** The drawdown alert. */
    public static final String DRAWDOWN_ALERT = ALERTS.topic("drawdown");

    /** Everything under {@code risk.}. */
    public static final String ALL = "risk.*";

    private RiskTopics() {}

    /** The topic of an account's risk metrics. */
    public static String metric(String account) {
        return METRICS.topic(account);
    }
}

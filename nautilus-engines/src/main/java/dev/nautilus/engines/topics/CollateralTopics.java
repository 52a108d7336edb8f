package dev.nautilus.engines.topics;

/** Topics of the Collateral engine. */
public final class CollateralTopics {

    /** An account's margin after each portfolio update, keyed by account. */
    public static final TopicFamily MARGINS = new TopicFamily("collateral.margin.");
    /** Margin calls, keyed by account. */
    public static final TopicFamily MARGIN_ALERTS = new TopicFamily("margin.alert.");

    /** Everything under {@code collateral.}. */
    public static final String ALL = "collateral.*";

    private CollateralTopics() {}

    /** The topic of an account's margin. */
    public static String margin(String account) {
        return MARGINS.topic(account);
    }

    /** The topic of an account's margin calls. */
    public static String marginAlert(String account) {
        return MARGIN_ALERTS.topic(account);
    }
}

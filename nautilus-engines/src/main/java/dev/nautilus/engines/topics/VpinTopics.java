package dev.nautilus.engines.topics;

/**
 * Topics of the VPIN and Enhanced VPIN engines. The enhanced families are nested in the plain ones
 * ({@code vpin.calculation.enhanced.BTCUSD} also matches {@link #CALCULATIONS}), so a reader that
 * tells them apart asks for the enhanced family first.
 */
public final class VpinTopics {

    /** VPIN status after each bar, keyed by instrument. */
    public static final TopicFamily CALCULATIONS = new TopicFamily("vpin.calculation.");
    /** VPIN crossing its toxicity threshold, keyed by instrument. */
    public static final TopicFamily TOXICITY_ALERTS = new TopicFamily("toxicity.alert.");
    /** Enhanced VPIN estimates, keyed by instrument. */
    public static final TopicFamily ENHANCED_CALCULATIONS = new TopicFamily("vpin.calculation.enhanced.");
    /** Enhanced VPIN entering a toxic regime, keyed by instrument. */
    public static final TopicFamily ENHANCED_TOXICITY_ALERTS = new TopicFamily("toxicity.alert.enhanced.");

    /** Everything under {@code vpin.}. */
    public static final String ALL = "vpin.*";

    private VpinTopics() {}

    /** The topic of an instrument's VPIN status. */
    public static String calculation(String instrument) {
        return CALCULATIONS.topic(instrument);
    }

    /** The topic of an instrument's toxicity alerts. */
    public static String toxicityAlert(String instrument) {
        return TOXICITY_ALERTS.topic(instrument);
    }

    /** The topic of an instrument's enhanced VPIN estimates. */
    public static String enhancedCalculation(String instrument) {
        return ENHANCED_CALCULATIONS.topic(instrument);
    }

    /** The topic of an instrument's enhanced toxicity alerts. */
    public static String enhancedToxicityAlert(String instrument) {
        return ENHANCED_TOXICITY_ALERTS.topic(instrument);
    }

    /** Whether the topic carries a plain (not enhanced) VPIN status. */
    public static boolean isPlainCalculation(String topic) {
        return CALCULATIONS.matches(topic) && !ENHANCED_CALCULATIONS.matches(topic);
    }
}

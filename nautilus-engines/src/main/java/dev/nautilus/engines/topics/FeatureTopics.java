package dev.nautilus.engines.topics;

/** Topics of the Features engine. */
public final class FeatureTopics {

    /** An instrument's features after each bar, keyed by instrument. */
    public static final TopicFamily CALCULATIONS = new TopicFamily("feature.calculation.");

    /** Everything under {@code feature.}. */
    public static final String ALL = "feature.*";

    private FeatureTopics() {}

    /** The topic of an instrument's features. */
    public static String calculation(String instrument) {
        return CALCULATIONS.topic(instrument);
    }
}

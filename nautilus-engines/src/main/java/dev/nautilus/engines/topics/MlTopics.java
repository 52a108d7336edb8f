package dev.nautilus.engines.topics;

/** Topics of the ML engine. */
public final class MlTopics {

    /** Direction predictions, keyed by instrument. */
    public static final TopicFamily PREDICTIONS = new TopicFamily("ml.prediction.");

    /** Everything under {@code ml.}. */
    public static final String ALL = "ml.*";

    private MlTopics() {}

    /** The topic of an instrument's predictions. */
    public static String prediction(String instrument) {
        return PREDICTIONS.topic(instrument);
    }
}

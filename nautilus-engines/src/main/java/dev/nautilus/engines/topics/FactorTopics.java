package dev.nautilus.engines.topics;

/** Topics of the Factor and Toraniko engines, keyed by universe. */
public final class FactorTopics {

    /** A universe's factor exposures (Factor engine). */
    public static final TopicFamily CALCULATIONS = new TopicFamily("factor.calculation.");
    /** A universe's factor returns (Toraniko engine). */
    public static final TopicFamily TORANIKO_RETURNS = new TopicFamily("factor.return.toraniko.");
    /** A universe's factor covariance (Toraniko engine). */
    public static final TopicFamily TORANIKO_MODELS = new TopicFamily("factor.model.toraniko.");

    /** Every factor-return family (Toraniko's and any later model's). */
    public static final String ALL_RETURNS = "factor.return.*";
    /** Every factor-model family. */
    public static final String ALL_MODELS = "factor.model.*";

    private FactorTopics() {}

    /** The topic of a universe's factor exposures. */
    public static String calculation(String universe) {
        return CALCULATIONS.topic(universe);
    }

    /** The topic of a universe's Toraniko factor returns. */
    public static String toranikoReturn(String universe) {
        return TORANIKO_RETURNS.topic(universe);
    }

    /** The topic of a universe's Toraniko factor covariance. */
    public static String toranikoModel(String universe) {
        return TORANIKO_MODELS.topic(universe);
    }
}

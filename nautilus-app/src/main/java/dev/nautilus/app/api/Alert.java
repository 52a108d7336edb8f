package dev.nautilus.app.api;

/**
 * A risk, margin or toxicity alert seen on the bus.
 *
 * @param kind  what it is: {@code flash_crash}, {@code margin_call}, {@code toxicity}, or the risk
 *              alert's own kind (the last segment of {@code risk.alert.<kind>}, e.g. {@code drawdown})
 * @param event the message it came in
 */
public record Alert(String kind, BusEvent event) {

    /** The kind of alert a topic carries, or {@code null} when the topic is no alert. */
    static String kindOf(String topic) {
        if (topic.startsWith("risk.alert.")) {
            return topic.substring("risk.alert.".length());
        }
        if (topic.startsWith("margin.alert.")) {
            return "margin_call";
        }
        if (topic.startsWith("toxicity.alert.")) {
            return "toxicity";
        }
        return null;
    }
}

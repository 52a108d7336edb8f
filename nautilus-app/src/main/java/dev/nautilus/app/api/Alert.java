package dev.nautilus.app.api;

import dev.nautilus.engines.topics.CollateralTopics;
import dev.nautilus.engines.topics.RiskTopics;
import dev.nautilus.engines.topics.VpinTopics;

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
        if (RiskTopics.ALERTS.matches(topic)) {
            return RiskTopics.ALERTS.key(topic);
        }
        if (CollateralTopics.MARGIN_ALERTS.matches(topic)) {
            return "margin_call";
        }
        if (VpinTopics.TOXICITY_ALERTS.matches(topic)) {
            return "toxicity";
        }
        return null;
    }
}

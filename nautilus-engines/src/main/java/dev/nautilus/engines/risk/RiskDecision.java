package dev.nautilus.engines.risk;

/** Outcome of a pre-trade check. */
public sealed interface RiskDecision permits RiskDecision.Approved, RiskDecision.Rejected {

    /** True for {@link Approved}. */
    default boolean approved() {
        return this instanceof Approved;
    }

    /**
     * The order may go.
     *
     * @param reason why (e.g. "within limits", "reduces risk")
     */
    record Approved(String reason) implements RiskDecision {}

    /**
     * The order must not go.
     *
     * @param limit  which limit, e.g. {@code maxPositionQuantity}
     * @param value  the value that broke it
     * @param bound  the limit's value
     * @param reason a sentence with both numbers
     */
    record Rejected(String limit, double value, double bound, String reason) implements RiskDecision {}
}

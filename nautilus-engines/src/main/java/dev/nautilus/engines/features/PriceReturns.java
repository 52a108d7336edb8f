package dev.nautilus.engines.features;

/**
 * Simple return {@code p_t/p_{t-1} - 1} and log return {@code ln(p_t/p_{t-1})} between consecutive
 * prices. NaN until two prices were seen.
 */
public final class PriceReturns {

    private double previous = Double.NaN;
    private double simple = Double.NaN;
    private double log = Double.NaN;

    /**
     * Adds a price.
     *
     * @throws IllegalArgumentException unless {@code price} is finite and positive
     */
    public void update(double price) {
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
        if (!Double.isNaN(previous)) {
            simple = price / previous - 1.0;
            log = Math.log(price / previous);
        }
        previous = price;
    }

    /** Last simple return, NaN before two prices. */
    public double simpleReturn() {
        return simple;
    }

    /** Last log return, NaN before two prices. */
    public double logReturn() {
        return log;
    }

    /** True once a return exists. */
    public boolean isReady() {
        return !Double.isNaN(log);
    }

    /** The previous price and the last returns (NaN before there are any), exact. */
    public State state() {
        return new State(previous, simple, log);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        previous = state.previous();
        simple = state.simple();
        log = state.log();
    }

    /** What the next returns depend on. */
    public record State(double previous, double simple, double log) {}
}

package dev.nautilus.engines.features;

/** Volume-weighted average price since the start (or last {@link #reset()}): {@code Σp·v / Σv}. */
public final class CumulativeVwap {

    private double priceVolume;
    private double volume;

    /** Adds a trade; {@code size} must be positive. Returns the VWAP. */
    public double update(double price, double size) {
        TradeInputs.require(price, size);
        priceVolume += price * size;
        volume += size;
        return value();
    }

    /** Current VWAP; NaN before the first trade. */
    public double value() {
        return volume == 0 ? Double.NaN : priceVolume / volume;
    }

    /** Total volume seen. */
    public double volume() {
        return volume;
    }

    /** Starts over (e.g. at a session boundary). */
    public void reset() {
        priceVolume = 0;
        volume = 0;
    }

    /** The sums, exact. */
    public State state() {
        return new State(priceVolume, volume);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        priceVolume = state.priceVolume();
        volume = state.volume();
    }

    /** Σ price·size and Σ size. */
    public record State(double priceVolume, double volume) {}
}

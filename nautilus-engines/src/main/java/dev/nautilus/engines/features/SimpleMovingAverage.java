package dev.nautilus.engines.features;

/** Arithmetic mean of the last {@code period} values; ready once the window is full. */
public final class SimpleMovingAverage {

    private final RollingStatistics window;

    /** @param period number of values averaged, {@code >= 2} */
    public SimpleMovingAverage(int period) {
        this.window = new RollingStatistics(period);
    }

    /** Adds a value and returns the average, NaN until {@code period} values were seen. */
    public double update(double x) {
        window.add(x);
        return value();
    }

    /** Current average, NaN until ready. */
    public double value() {
        return window.isFull() ? window.mean() : Double.NaN;
    }

    /** True once {@code period} values were seen. */
    public boolean isReady() {
        return window.isFull();
    }

    /** The window, exact. */
    public RollingStatistics.State state() {
        return window.state();
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(RollingStatistics.State state) {
        window.restore(state);
    }
}

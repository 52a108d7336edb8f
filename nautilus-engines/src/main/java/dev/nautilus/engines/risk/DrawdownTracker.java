package dev.nautilus.engines.risk;

/**
 * Running peak, current and maximum drawdown of an equity curve, O(1) per point.
 * The first equity must be positive (a fraction of a non-positive peak means nothing); afterwards
 * the peak only rises, so it stays positive.
 */
public final class DrawdownTracker {

    private boolean started;
    private double peak;
    private long peakMicros;
    private double current;
    private double maximum;
    private long maxPeakMicros;
    private long maxTroughMicros;
    private long lastMicros = Long.MIN_VALUE;

    /** Adds an equity observation at {@code timestampMicros} (non-decreasing). */
    public Drawdown update(long timestampMicros, double equity) {
        if (!Double.isFinite(equity)) {
            throw new IllegalArgumentException("equity must be finite, was " + equity);
        }
        if (timestampMicros < lastMicros) {
            throw new IllegalArgumentException(
                    "timestampMicros went backwards: " + timestampMicros + " < " + lastMicros);
        }
        lastMicros = timestampMicros;
        if (!started) {
            if (equity <= 0) {
                throw new IllegalArgumentException("first equity must be > 0, was " + equity);
            }
            started = true;
            peak = equity;
            peakMicros = timestampMicros;
            maxPeakMicros = timestampMicros;
            maxTroughMicros = timestampMicros;
        }
        if (equity > peak) {
            peak = equity;
            peakMicros = timestampMicros;
        }
        current = (peak - equity) / peak;
        if (current > maximum) {
            maximum = current;
            maxPeakMicros = peakMicros;
            maxTroughMicros = timestampMicros;
        }
        return snapshot();
    }

    /**
     * Everything the tracker holds, to save and {@link #restore} (an engine's snapshot).
     *
     * @param started         whether an equity was seen
     * @param peak            highest equity so far
     * @param peakMicros      when it was reached
     * @param current         current drawdown
     * @param maximum         maximum drawdown
     * @param maxPeakMicros   start of the maximum drawdown
     * @param maxTroughMicros trough of the maximum drawdown
     * @param lastMicros      latest observation's time
     */
    public record State(
            boolean started,
            double peak,
            long peakMicros,
            double current,
            double maximum,
            long maxPeakMicros,
            long maxTroughMicros,
            long lastMicros) {}

    /** This tracker's state. */
    public State state() {
        return new State(started, peak, peakMicros, current, maximum, maxPeakMicros, maxTroughMicros, lastMicros);
    }

    /** A tracker in a saved state. */
    public static DrawdownTracker restore(State state) {
        DrawdownTracker tracker = new DrawdownTracker();
        tracker.started = state.started();
        tracker.peak = state.peak();
        tracker.peakMicros = state.peakMicros();
        tracker.current = state.current();
        tracker.maximum = state.maximum();
        tracker.maxPeakMicros = state.maxPeakMicros();
        tracker.maxTroughMicros = state.maxTroughMicros();
        tracker.lastMicros = state.lastMicros();
        return tracker;
    }

    /** Current state; all zero before the first update. */
    public Drawdown snapshot() {
        return new Drawdown(peak, peakMicros, current, maximum, maxPeakMicros, maxTroughMicros);
    }
}

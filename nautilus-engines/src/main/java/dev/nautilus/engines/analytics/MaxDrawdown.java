package dev.nautilus.engines.analytics;

import dev.nautilus.engines.risk.Drawdown;
import dev.nautilus.engines.risk.DrawdownTracker;

/**
 * The maximum drawdown of an equity curve with its peak, trough and recovery dates, O(1) per point.
 * Peak and trough come from the Risk engine's {@link DrawdownTracker} (one definition of drawdown in
 * the code base); this class adds the recovery: the first point after the trough at or above the
 * peak's equity. When a deeper drawdown starts later, its own recovery is tracked instead.
 */
public final class MaxDrawdown {

    private final DrawdownTracker tracker = new DrawdownTracker();
    private double deepest;
    private double peakEquity;
    private Long recoveryMicros;

    /**
     * Adds an equity observation.
     *
     * @throws IllegalArgumentException if the first equity is not positive, or time goes backwards
     */
    public void update(long timestampMicros, double equity) {
        Drawdown dd = tracker.update(timestampMicros, equity);
        if (dd.maximum() > deepest) {
            deepest = dd.maximum();
            peakEquity = dd.peak();
            recoveryMicros = null;
        } else if (deepest > 0 && recoveryMicros == null && equity >= peakEquity) {
            recoveryMicros = timestampMicros;
        }
    }

    /** The deepest drawdown so far. */
    public DrawdownEpisode episode() {
        Drawdown dd = tracker.snapshot();
        return new DrawdownEpisode(dd.maximum(), dd.maximumPeakMicros(), dd.maximumTroughMicros(), recoveryMicros);
    }

    /** The current drawdown from the running peak. */
    public double current() {
        return tracker.snapshot().current();
    }
}

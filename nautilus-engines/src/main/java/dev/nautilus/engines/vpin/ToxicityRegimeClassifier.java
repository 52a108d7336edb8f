package dev.nautilus.engines.vpin;

import java.util.Objects;

/**
 * State machine over the VPIN CDF with hysteresis (see {@link RegimeThresholds}):
 * <ul>
 *   <li>any state, CDF ≥ toxicEnter → TOXIC;</li>
 *   <li>NORMAL, CDF ≥ elevatedEnter → ELEVATED;</li>
 *   <li>ELEVATED, CDF &lt; elevatedExit → NORMAL;</li>
 *   <li>TOXIC, CDF &lt; toxicExit → ELEVATED, or NORMAL if also &lt; elevatedExit.</li>
 * </ul>
 * Starts NORMAL.
 */
public final class ToxicityRegimeClassifier {

    private final RegimeThresholds t;
    private ToxicityRegime regime = ToxicityRegime.NORMAL;

    /** @param thresholds entry and exit levels */
    public ToxicityRegimeClassifier(RegimeThresholds thresholds) {
        this.t = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Updates with a CDF value in [0, 1] and returns the regime. */
    public ToxicityRegime update(double cdf) {
        if (!(cdf >= 0 && cdf <= 1)) {
            throw new IllegalArgumentException("cdf must be in [0, 1], was " + cdf);
        }
        if (cdf >= t.toxicEnter()) {
            regime = ToxicityRegime.TOXIC;
        } else {
            regime = switch (regime) {
                case NORMAL -> cdf >= t.elevatedEnter() ? ToxicityRegime.ELEVATED : ToxicityRegime.NORMAL;
                case ELEVATED -> cdf < t.elevatedExit() ? ToxicityRegime.NORMAL : ToxicityRegime.ELEVATED;
                case TOXIC ->
                    cdf < t.elevatedExit()
                            ? ToxicityRegime.NORMAL
                            : cdf < t.toxicExit() ? ToxicityRegime.ELEVATED : ToxicityRegime.TOXIC;
            };
        }
        return regime;
    }

    /** Current regime. */
    public ToxicityRegime regime() {
        return regime;
    }

    /** Continues in {@code regime} (the hysteresis depends on it). */
    public void restore(ToxicityRegime regime) {
        this.regime = Objects.requireNonNull(regime, "regime");
    }
}

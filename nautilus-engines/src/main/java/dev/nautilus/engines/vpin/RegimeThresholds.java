package dev.nautilus.engines.vpin;

/**
 * CDF levels for entering and leaving each regime. Exits sit below entries (hysteresis) so a CDF
 * hovering around one level does not flip the regime on every bucket.
 *
 * @param elevatedEnter NORMAL → ELEVATED when CDF ≥ this
 * @param elevatedExit  ELEVATED (or TOXIC) → NORMAL when CDF &lt; this
 * @param toxicEnter    → TOXIC when CDF ≥ this
 * @param toxicExit     TOXIC → ELEVATED when CDF &lt; this
 */
public record RegimeThresholds(double elevatedEnter, double elevatedExit, double toxicEnter, double toxicExit) {

    public RegimeThresholds {
        if (!(0 <= elevatedExit && elevatedExit <= elevatedEnter && elevatedEnter <= toxicEnter && toxicEnter <= 1)) {
            throw new IllegalArgumentException("need 0 <= elevatedExit <= elevatedEnter <= toxicEnter <= 1: "
                    + elevatedExit + ", " + elevatedEnter + ", " + toxicEnter);
        }
        if (!(elevatedExit <= toxicExit && toxicExit <= toxicEnter)) {
            throw new IllegalArgumentException("need elevatedExit <= toxicExit <= toxicEnter: " + elevatedExit + ", "
                    + toxicExit + ", " + toxicEnter);
        }
    }

    /** Enter ELEVATED at 0.80 (leave below 0.70), TOXIC at 0.95 (leave below 0.85). */
    public static RegimeThresholds defaults() {
        return new RegimeThresholds(0.80, 0.70, 0.95, 0.85);
    }
}

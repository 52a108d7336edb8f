package dev.nautilus.engines.collateral;

/**
 * Margin rates as fractions of position notional.
 *
 * @param initial     required to open, in (0, 1]
 * @param maintenance required to keep, in (0, initial]
 */
public record MarginRates(double initial, double maintenance) {
    public MarginRates {
        if (!(initial > 0 && initial <= 1)) {
            throw new IllegalArgumentException("initial must be in (0, 1], was " + initial);
        }
        if (!(maintenance > 0 && maintenance <= initial)) {
            throw new IllegalArgumentException(
                    "maintenance must be in (0, initial=" + initial + "], was " + maintenance);
        }
    }
}

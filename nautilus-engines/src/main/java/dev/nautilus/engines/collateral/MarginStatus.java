package dev.nautilus.engines.collateral;

import java.math.BigDecimal;
import java.util.List;

/**
 * Margin of an account at one moment.
 *
 * @param timestampMicros   when
 * @param equity            account equity
 * @param initialMargin     Σ initial margin
 * @param maintenanceMargin Σ maintenance margin
 * @param utilisation       {@code initialMargin / equity}: 1.0 means no room to open more; +∞
 *                          when equity ≤ 0 with margin required, 0 with no positions
 * @param positions         per-position margins
 */
public record MarginStatus(
        long timestampMicros,
        BigDecimal equity,
        BigDecimal initialMargin,
        BigDecimal maintenanceMargin,
        double utilisation,
        List<PositionMargin> positions) {
    public MarginStatus {
        positions = List.copyOf(positions);
    }

    /** True when equity is below the maintenance margin. */
    public boolean belowMaintenance() {
        return equity.compareTo(maintenanceMargin) < 0;
    }
}

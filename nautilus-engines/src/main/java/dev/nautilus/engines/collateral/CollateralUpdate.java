package dev.nautilus.engines.collateral;

import java.math.BigDecimal;

/**
 * Margin of the account after a portfolio update ({@code COLLATERAL_UPDATE}, topic
 * {@code collateral.margin.<account>}).
 *
 * @param account           account name
 * @param timestampMicros   when
 * @param equity            equity
 * @param initialMargin     Σ initial margin
 * @param maintenanceMargin Σ maintenance margin
 * @param utilisation       initial margin / equity; {@code null} when equity ≤ 0 with margin required (infinite)
 * @param belowMaintenance  whether a margin call is due
 */
public record CollateralUpdate(
        String account,
        long timestampMicros,
        BigDecimal equity,
        BigDecimal initialMargin,
        BigDecimal maintenanceMargin,
        Double utilisation,
        boolean belowMaintenance) {}

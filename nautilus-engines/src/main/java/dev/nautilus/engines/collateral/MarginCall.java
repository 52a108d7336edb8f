package dev.nautilus.engines.collateral;

import java.math.BigDecimal;

/**
 * Equity fell below maintenance margin. As is usual, the call asks to restore equity to the
 * <em>initial</em> margin, not just the maintenance level, so the account is not called again at
 * the next tick.
 *
 * @param timestampMicros   when
 * @param equity            equity at the call
 * @param maintenanceMargin the level breached
 * @param initialMargin     the level to restore
 * @param amountDue         {@code initialMargin - equity}
 */
public record MarginCall(
        long timestampMicros,
        BigDecimal equity,
        BigDecimal maintenanceMargin,
        BigDecimal initialMargin,
        BigDecimal amountDue) {}

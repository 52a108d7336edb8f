package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;
import java.util.List;

/**
 * The account at one moment.
 *
 * @param timestampMicros when
 * @param cash            cash
 * @param equity          cash plus marked positions
 * @param realised        realised P&amp;L
 * @param unrealised      unrealised P&amp;L at the marks
 * @param fees            fees paid
 * @param positions       open positions
 */
public record PortfolioSnapshot(
        long timestampMicros,
        BigDecimal cash,
        BigDecimal equity,
        BigDecimal realised,
        BigDecimal unrealised,
        BigDecimal fees,
        List<Position> positions) {
    public PortfolioSnapshot {
        positions = List.copyOf(positions);
    }
}

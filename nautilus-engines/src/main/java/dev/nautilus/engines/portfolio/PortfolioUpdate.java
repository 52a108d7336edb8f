package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The paper account after a bar ({@code PORTFOLIO_UPDATE}, topic {@code portfolio.update.<account>}).
 * Amounts are {@code BigDecimal}, exact, as in {@link Portfolio}.
 *
 * @param account         account name
 * @param timestampMicros when (the bar's end)
 * @param cash            cash
 * @param equity          cash plus marked positions
 * @param realised        realised P&amp;L
 * @param unrealised      unrealised P&amp;L
 * @param fees            fees paid
 * @param fills           fills so far
 * @param rejections      signals refused by the pre-trade risk check so far
 * @param positions       signed quantity per instrument (open positions)
 * @param marks           latest mark per instrument
 */
public record PortfolioUpdate(
        String account,
        long timestampMicros,
        BigDecimal cash,
        BigDecimal equity,
        BigDecimal realised,
        BigDecimal unrealised,
        BigDecimal fees,
        long fills,
        long rejections,
        Map<String, BigDecimal> positions,
        Map<String, BigDecimal> marks) {

    public PortfolioUpdate {
        positions = Map.copyOf(positions);
        marks = Map.copyOf(marks);
    }
}

package dev.nautilus.app.backtest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Figures of the closing trades (fills that reduce, close or reverse a position — those the hit rate
 * counts), on realised P&amp;L before fees like the hit rate. {@code null} when undefined.
 *
 * @param closingTrades closing trades
 * @param winners       closing trades with realised P&amp;L &gt; 0
 * @param losers        closing trades with realised P&amp;L &lt; 0
 * @param grossProfit   sum of the winners' realised P&amp;L
 * @param grossLoss     minus the sum of the losers' realised P&amp;L ({@code >= 0})
 * @param profitFactor  grossProfit / grossLoss; {@code null} without a losing trade
 * @param expectancy    mean realised P&amp;L per closing trade, in account currency; {@code null} without one
 */
public record TradeStatistics(
        long closingTrades,
        long winners,
        long losers,
        BigDecimal grossProfit,
        BigDecimal grossLoss,
        Double profitFactor,
        Double expectancy) {

    /** The statistics of {@code trades}' closing trades. */
    public static TradeStatistics of(List<TradeRecord> trades) {
        long closing = 0;
        long winners = 0;
        long losers = 0;
        BigDecimal profit = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        for (TradeRecord t : trades) {
            if (!t.closing()) {
                continue;
            }
            closing++;
            if (t.realised().signum() > 0) {
                winners++;
                profit = profit.add(t.realised());
            } else if (t.realised().signum() < 0) {
                losers++;
                loss = loss.subtract(t.realised());
            }
        }
        Double factor = loss.signum() == 0
                ? null
                : profit.divide(loss, MathContext.DECIMAL64).doubleValue();
        Double expectancy = closing == 0
                ? null
                : profit.subtract(loss)
                        .divide(BigDecimal.valueOf(closing), MathContext.DECIMAL64)
                        .doubleValue();
        return new TradeStatistics(closing, winners, losers, profit, loss, factor, expectancy);
    }
}

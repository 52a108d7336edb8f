package dev.nautilus.app.backtest;

import dev.nautilus.engines.portfolio.Fill;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One fill of a backtest with the realised P&amp;L it booked. Amounts are exact ({@code BigDecimal}), as
 * the portfolio keeps them.
 *
 * @param timestampMicros when (the end of the bar whose signal it executed)
 * @param instrument      instrument
 * @param side            {@code BUY} or {@code SELL}
 * @param quantity        units traded, {@code > 0}
 * @param price           fill price, slippage included
 * @param fee             fee paid
 * @param realised        realised P&amp;L it booked, before fees (zero for a fill that only opens or adds)
 * @param closing         whether it reduced, closed or reversed a position (a closing trade)
 */
public record TradeRecord(
        long timestampMicros,
        String instrument,
        String side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal fee,
        BigDecimal realised,
        boolean closing) {

    /**
     * The fills with their realised P&amp;L, read off the portfolio updates: the portfolio executes at
     * most one fill per signal and publishes an update after each signal, so the update whose fill
     * count went up by one carries that fill's realised P&amp;L as its change in realised P&amp;L.
     *
     * @throws IllegalStateException when fills and updates do not pair up that way
     */
    public static List<TradeRecord> of(List<Fill> fills, List<PortfolioUpdate> updates) {
        List<TradeRecord> trades = new ArrayList<>(fills.size());
        Map<String, BigDecimal> positions = new HashMap<>();
        long seen = 0;
        BigDecimal realisedBefore = BigDecimal.ZERO;
        for (PortfolioUpdate update : updates) {
            long added = update.fills() - seen;
            if (added > 1 || (added == 1 && seen >= fills.size())) {
                throw new IllegalStateException("portfolio update at " + update.timestampMicros() + " has " + added
                        + " new fills of " + fills.size() + " received");
            }
            if (added == 1) {
                Fill fill = fills.get((int) seen);
                BigDecimal before = positions.getOrDefault(fill.instrument(), BigDecimal.ZERO);
                BigDecimal after = before.add(fill.quantity());
                positions.put(fill.instrument(), after);
                boolean closing = before.signum() != 0
                        && (after.signum() != before.signum() || after.abs().compareTo(before.abs()) < 0);
                trades.add(new TradeRecord(
                        fill.timestampMicros(),
                        fill.instrument(),
                        fill.quantity().signum() > 0 ? "BUY" : "SELL",
                        fill.quantity().abs(),
                        fill.price(),
                        fill.fee(),
                        update.realised().subtract(realisedBefore),
                        closing));
                seen++;
            }
            realisedBefore = update.realised();
        }
        return trades;
    }
}

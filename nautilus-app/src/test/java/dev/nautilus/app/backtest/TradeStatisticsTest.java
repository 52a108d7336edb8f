package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.portfolio.Fill;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profit factor and expectancy, worked by hand on five fills; the fills paired with the portfolio's realised P&amp;L. */
class TradeStatisticsTest {

    @Test
    void profitFactorAndExpectancyHandWorked() {
        // buy 1 (opens), sell 2 (closes +30, opens short), buy 1 (closes -10), buy 1 (opens), sell 1 (closes +5)
        List<Fill> fills = List.of(fill(1, "1"), fill(2, "-2"), fill(3, "1"), fill(4, "1"), fill(5, "-1"));
        String[] realisedAfter = {"0", "30", "20", "20", "25"};
        List<PortfolioUpdate> updates = new ArrayList<>();
        updates.add(update(0, 0, "0")); // a bar without a fill
        for (int i = 0; i < fills.size(); i++) {
            updates.add(update(i + 1, i + 1, realisedAfter[i]));
            updates.add(update(i + 1, i + 1, realisedAfter[i])); // and one after each
        }

        List<TradeRecord> trades = TradeRecord.of(fills, updates);
        assertThat(trades).extracting(TradeRecord::closing).containsExactly(false, true, true, false, true);
        assertThat(trades).extracting(t -> t.realised().toPlainString()).containsExactly("0", "30", "-10", "0", "5");
        assertThat(trades).extracting(TradeRecord::side).containsExactly("BUY", "SELL", "BUY", "BUY", "SELL");
        assertThat(trades.get(1).quantity()).isEqualByComparingTo("2");

        TradeStatistics s = TradeStatistics.of(trades);
        assertThat(s.closingTrades()).isEqualTo(3);
        assertThat(s.winners()).isEqualTo(2);
        assertThat(s.losers()).isEqualTo(1);
        assertThat(s.grossProfit()).isEqualByComparingTo("35");
        assertThat(s.grossLoss()).isEqualByComparingTo("10");
        assertThat(s.profitFactor()).isCloseTo(3.5, within(1e-12)); // 35 / 10
        assertThat(s.expectancy()).isCloseTo(25.0 / 3, within(1e-12)); // (30 - 10 + 5) / 3
        assertThat(Tearsheet.csv(trades))
                .startsWith("time,instrument,side,quantity,price,fee,realised_pnl\n")
                .contains("1970-01-01T00:00:00.000002Z,A,SELL,2,100,0.5,30\n");
    }

    @Test
    void undefinedFiguresAreNull() {
        TradeStatistics none = TradeStatistics.of(List.of());
        assertThat(none.profitFactor()).isNull();
        assertThat(none.expectancy()).isNull();
        List<TradeRecord> onlyWins =
                TradeRecord.of(List.of(fill(1, "1"), fill(2, "-1")), List.of(update(1, 1, "0"), update(2, 2, "4")));
        TradeStatistics wins = TradeStatistics.of(onlyWins);
        assertThat(wins.profitFactor()).isNull(); // no losing trade: gross loss 0
        assertThat(wins.expectancy()).isEqualTo(4.0);
    }

    private static Fill fill(long at, String quantity) {
        return new Fill(
                "A",
                at,
                new BigDecimal(quantity),
                new BigDecimal("100"),
                new BigDecimal("100"),
                new BigDecimal("0.5"),
                "s",
                "r");
    }

    private static PortfolioUpdate update(long at, long fills, String realised) {
        BigDecimal r = new BigDecimal(realised);
        return new PortfolioUpdate(
                "paper", at, r, r, r, BigDecimal.ZERO, BigDecimal.ZERO, fills, 0, Map.of(), Map.of());
    }
}

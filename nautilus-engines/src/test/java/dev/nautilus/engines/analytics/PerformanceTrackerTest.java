package dev.nautilus.engines.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.portfolio.PortfolioUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A round trip worked by hand: buy 1 X at 100, mark 110, reverse to short 1 at 110 (+10 realised),
 * mark 120, buy back at 120 (-10 realised). No fees, so equity is cash plus the marked position.
 */
class PerformanceTrackerTest {

    private static final long DAY = 86_400_000_000L;
    private static final long HOUR = 3_600_000_000L;
    private static final long NOV_25 = 1_385_337_600_000_000L;

    private static PortfolioUpdate update(int day, String equity, String realised, String position, String mark) {
        Map<String, BigDecimal> positions =
                new BigDecimal(position).signum() == 0 ? Map.of() : Map.of("X", new BigDecimal(position));
        return new PortfolioUpdate(
                "paper",
                NOV_25 + day * DAY + HOUR,
                BigDecimal.ZERO,
                new BigDecimal(equity),
                new BigDecimal(realised),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                0,
                0,
                positions,
                Map.of("X", new BigDecimal(mark)));
    }

    private static final List<PortfolioUpdate> ROUND_TRIP = List.of(
            update(0, "1000", "0", "0", "100"),
            update(1, "1000", "0", "1", "100"), // bought 1 at 100: notional 100
            update(2, "1010", "0", "1", "110"),
            update(3, "1010", "10", "-1", "110"), // sold 2 at 110: notional 220, closes the long for +10
            update(4, "1000", "10", "-1", "120"),
            update(5, "1000", "0", "0", "120")); // bought 1 at 120: notional 120, closes the short for -10

    @Test
    void roundTripFiguresMatchTheHandCount() {
        PerformanceTracker tracker = new PerformanceTracker("paper", new AnalyticsConfig(252, CalendarPeriod.DAY));
        List<PeriodReturn> completed = new ArrayList<>();
        PerformanceSummary last = null;
        for (PortfolioUpdate u : ROUND_TRIP) {
            PerformanceTracker.Step step = tracker.update(u);
            step.completedPeriod().ifPresent(completed::add);
            last = step.summary();
        }

        assertThat(last.observations()).isEqualTo(6);
        assertThat(last.cumulativeReturn()).isZero();
        assertThat(last.closedTrades()).isEqualTo(2);
        assertThat(last.hitRate()).isEqualTo(0.5);
        assertThat(last.tradedNotional()).isEqualByComparingTo("440");
        // mean equity (1000 + 1000 + 1010 + 1010 + 1000 + 1000) / 6 = 1003.33…; 440 / 1003.33… = 0.438538…
        assertThat(last.turnover()).isCloseTo(440 / (6020 / 6.0), within(1e-12));
        assertThat(last.annualisedTurnover()).isCloseTo(440 / (6020 / 6.0) * 252 / 5, within(1e-10));
        // peak 1010 first reached on day 2, trough 1000 on day 4: 10 / 1010; equity never regains 1010
        assertThat(last.maxDrawdown().depth()).isCloseTo(10 / 1010.0, within(1e-15));
        assertThat(last.maxDrawdown().peakMicros()).isEqualTo(NOV_25 + 2 * DAY + HOUR);
        assertThat(last.maxDrawdown().troughMicros()).isEqualTo(NOV_25 + 4 * DAY + HOUR);
        assertThat(last.maxDrawdown().recoveryMicros()).isNull();
        // returns 0, 0.01, 0, -10/1010, 0 — Sharpe and Sortino by a plain two-pass loop
        double[] r = {0, 0.01, 0, 1000 / 1010.0 - 1, 0};
        double mean = 0;
        for (double x : r) {
            mean += x / r.length;
        }
        double squares = 0;
        double downside = 0;
        for (double x : r) {
            squares += (x - mean) * (x - mean);
            downside += x < 0 ? x * x : 0;
        }
        assertThat(last.sharpe()).isCloseTo(mean / Math.sqrt(squares / (r.length - 1)) * Math.sqrt(252), within(1e-9));
        assertThat(last.sortino()).isCloseTo(mean / Math.sqrt(downside / r.length) * Math.sqrt(252), within(1e-9));
        // one period per day: five completed, the sixth day to date
        assertThat(completed)
                .extracting(PeriodReturn::period)
                .containsExactly("2013-11-25", "2013-11-26", "2013-11-27", "2013-11-28", "2013-11-29");
        assertThat(completed.get(2).periodReturn())
                .as("27 Nov: 1010 / 1000 - 1")
                .isCloseTo(0.01, within(1e-15));
        assertThat(last.currentPeriod().period()).isEqualTo("2013-11-30");
    }

    @Test
    void anotherAccountsUpdateIsRefused() {
        PerformanceTracker tracker = new PerformanceTracker("other", AnalyticsConfig.dailyBars());
        assertThatThrownBy(() -> tracker.update(ROUND_TRIP.getFirst()))
                .hasMessageContaining("paper")
                .hasMessageContaining("other");
    }
}

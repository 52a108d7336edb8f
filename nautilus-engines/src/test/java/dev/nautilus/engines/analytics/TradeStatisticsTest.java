package dev.nautilus.engines.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Hit rate, turnover, calendar periods and period returns on hand-made inputs. */
class TradeStatisticsTest {

    private static final long DAY = 86_400_000_000L;
    /** 2013-11-25T00:00Z in microseconds. */
    private static final long NOV_25 = 1_385_337_600_000_000L;

    @Test
    void hitRateCountsPositiveRealisedPnlAmongClosingTrades() {
        HitRate hits = new HitRate();
        assertThat(hits.rate()).isNull();
        hits.onClose(5);
        hits.onClose(-3);
        hits.onClose(0); // a scratch is not a win
        assertThat(hits.closedTrades()).isEqualTo(3);
        assertThat(hits.winningTrades()).isEqualTo(1);
        assertThat(hits.rate()).isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void turnoverIsTradedNotionalOverMeanEquity() {
        Turnover turnover = new Turnover();
        turnover.onEquity(900);
        turnover.onTrade(new BigDecimal("100"));
        turnover.onEquity(1000);
        turnover.onTrade(new BigDecimal("-200"));
        turnover.onEquity(1100);
        // 300 traded / mean equity 1000 = 0.3; per year over 2 periods of N = 252: 0.3 * 252 / 2 = 37.8
        assertThat(turnover.tradedNotional()).isEqualByComparingTo("300");
        assertThat(turnover.total()).isCloseTo(0.3, within(1e-15));
        assertThat(turnover.annualised(252, 2)).isCloseTo(37.8, within(1e-12));
        assertThat(new Turnover().total()).isNull();
    }

    @Test
    void calendarLabelsAreUtc() {
        long lastMicroOfNov25 = NOV_25 + DAY - 1;
        assertThat(CalendarPeriod.DAY.label(lastMicroOfNov25)).isEqualTo("2013-11-25");
        assertThat(CalendarPeriod.DAY.label(NOV_25 + DAY)).isEqualTo("2013-11-26");
        assertThat(CalendarPeriod.MONTH.label(NOV_25)).isEqualTo("2013-11");
        assertThat(CalendarPeriod.YEAR.label(NOV_25)).isEqualTo("2013");
    }

    @Test
    void periodReturnsChainFromThePreviousPeriodsLastEquity() {
        PeriodReturns periods = new PeriodReturns("paper", CalendarPeriod.DAY);
        assertThat(periods.update(NOV_25 + 10, 100)).isEmpty();
        assertThat(periods.update(NOV_25 + 20, 110)).isEmpty();
        // stamped at the end of the bar [23:59, 24:00): still 25 Nov
        assertThat(periods.update(NOV_25 + DAY, 110)).isEmpty();
        // 26 Nov opens: 25 Nov is done, 110 / 100 - 1 = 0.10
        PeriodReturn nov25 = periods.update(NOV_25 + DAY + 60, 99).orElseThrow();
        assertThat(nov25.period()).isEqualTo("2013-11-25");
        assertThat(nov25.periodReturn()).isCloseTo(0.10, within(1e-12));
        // 27 Nov has no observation; 28 Nov opens: 26 Nov is done, 99 / 110 - 1 = -0.10
        PeriodReturn nov26 = periods.update(NOV_25 + 3 * DAY + 60, 108.9).orElseThrow();
        assertThat(nov26.period()).isEqualTo("2013-11-26");
        assertThat(nov26.periodReturn()).isCloseTo(-0.10, within(1e-12));
        // 28 Nov to date: 108.9 / 99 - 1 = 0.10
        assertThat(periods.current().period()).isEqualTo("2013-11-28");
        assertThat(periods.current().startEquity()).isEqualTo(99);
        assertThat(periods.current().periodReturn()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void badInputIsRefusedWithItsValue() {
        assertThatThrownBy(() -> new HitRate().onClose(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new SortinoRatio().add(Double.POSITIVE_INFINITY))
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> new AnalyticsConfig(0, CalendarPeriod.DAY)).hasMessageContaining("periodsPerYear");
    }
}

package dev.nautilus.engines.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.DailyBarCsvReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;

/** SMA, EMA, RSI and returns: hand-worked cases, plus ta4j as an independent implementation. */
class IndicatorsTest {

    @Test
    void smaIsNotReadyUntilTheWindowIsFull() {
        SimpleMovingAverage sma = new SimpleMovingAverage(3);
        assertThat(sma.update(1)).isNaN();
        assertThat(sma.update(2)).isNaN();
        assertThat(sma.isReady()).isFalse();
        assertThat(sma.update(3)).isCloseTo(2, within(1e-15)); // (1+2+3)/3
        assertThat(sma.update(4)).isCloseTo(3, within(1e-15)); // (2+3+4)/3
    }

    @Test
    void emaSeedsWithTheSimpleAverageThenSmooths() {
        ExponentialMovingAverage ema = new ExponentialMovingAverage(3); // α = 2/(3+1) = 0.5
        assertThat(ema.alpha()).isEqualTo(0.5);
        assertThat(ema.update(1)).isNaN();
        assertThat(ema.update(2)).isNaN();
        assertThat(ema.update(3)).isEqualTo(2.0); // seed (1+2+3)/3
        assertThat(ema.update(4)).isEqualTo(3.0); // 2 + 0.5·(4-2)
        assertThat(ema.update(5)).isEqualTo(4.0); // 3 + 0.5·(5-3)
        assertThatThrownBy(() -> ema.update(Double.NaN)).hasMessageContaining("finite");
    }

    @Test
    void rsiHandWorkedWithWilderSmoothing() {
        RelativeStrengthIndex rsi = new RelativeStrengthIndex(3);
        // prices 10, 11, 10.5, 11.5, 11, 12 → changes +1, -0.5, +1, -0.5, +1
        assertThat(rsi.update(10)).isNaN();
        assertThat(rsi.update(11)).isNaN();
        assertThat(rsi.update(10.5)).isNaN();
        // first 3 changes: avgGain = (1+0+1)/3 = 2/3, avgLoss = (0+0.5+0)/3 = 1/6, RS = 4 → 100 - 100/5 = 80
        assertThat(rsi.update(11.5)).isCloseTo(80, within(1e-12));
        // avgGain = (2/3·2 + 0)/3 = 4/9; avgLoss = (1/6·2 + 0.5)/3 = 5/18; RS = 1.6 → 100 - 100/2.6
        assertThat(rsi.update(11)).isCloseTo(100 - 100 / 2.6, within(1e-12));
        // avgGain = (4/9·2 + 1)/3 = 17/27; avgLoss = (5/18·2)/3 = 5/27; RS = 3.4 → 100 - 100/4.4
        assertThat(rsi.update(12)).isCloseTo(100 - 100 / 4.4, within(1e-12));
    }

    @Test
    void rsiDegenerateCases() {
        RelativeStrengthIndex flat = new RelativeStrengthIndex(2);
        flat.update(5);
        flat.update(5);
        assertThat(flat.update(5)).isEqualTo(50.0); // no gains, no losses: neutral
        RelativeStrengthIndex up = new RelativeStrengthIndex(2);
        up.update(1);
        up.update(2);
        assertThat(up.update(3)).isEqualTo(100.0); // no losses
        RelativeStrengthIndex down = new RelativeStrengthIndex(2);
        down.update(3);
        down.update(2);
        assertThat(down.update(1)).isEqualTo(0.0); // no gains
    }

    @Test
    void returnsSimpleAndLog() {
        PriceReturns r = new PriceReturns();
        r.update(100);
        assertThat(r.isReady()).isFalse();
        assertThat(r.simpleReturn()).isNaN();
        r.update(110);
        assertThat(r.simpleReturn()).isCloseTo(0.1, within(1e-15));
        assertThat(r.logReturn()).isCloseTo(0.09531017980432493, within(1e-15)); // ln 1.1
        r.update(99);
        assertThat(r.simpleReturn()).isCloseTo(-0.1, within(1e-15));
        assertThat(r.logReturn()).isCloseTo(-0.10536051565782628, within(1e-15)); // ln 0.9
        assertThatThrownBy(() -> r.update(0)).hasMessageContaining("price");
    }

    @Test
    void agreesWithTa4jOnAppleDailyCloses() {
        List<Bar> bars = DailyBarCsvReader.appleDaily2013().bars();
        BarSeries series = new BaseBarSeriesBuilder()
                .withName("AAPL")
                .withNumTypeOf(DoubleNum.class)
                .build();
        for (Bar b : bars) {
            series.addBar(
                    Instant.ofEpochSecond(b.endMicros() / 1_000_000).atZone(ZoneOffset.UTC),
                    b.open(),
                    b.high(),
                    b.low(),
                    b.close(),
                    b.volume());
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator taSma = new SMAIndicator(close, 20);
        EMAIndicator taEma = new EMAIndicator(close, 10);
        RSIIndicator taRsi = new RSIIndicator(close, 14);
        SimpleMovingAverage sma = new SimpleMovingAverage(20);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(10);
        RelativeStrengthIndex rsi = new RelativeStrengthIndex(14);
        for (int i = 0; i < bars.size(); i++) {
            double c = bars.get(i).close();
            double s = sma.update(c);
            double e = ema.update(c);
            double r = rsi.update(c);
            if (i >= 19) {
                assertThat(s).as("SMA at %d", i).isCloseTo(taSma.getValue(i).doubleValue(), within(1e-9));
            }
            // ta4j seeds EMA with the first value and RSI's Wilder averages from bar 0; the seeds'
            // influence decays as (1-α)^k, below 1e-6 after ~150 bars, so compare the last 60.
            if (i >= bars.size() - 60) {
                assertThat(e).as("EMA at %d", i).isCloseTo(taEma.getValue(i).doubleValue(), within(1e-6));
                assertThat(r).as("RSI at %d", i).isCloseTo(taRsi.getValue(i).doubleValue(), within(1e-4));
            }
        }
    }
}

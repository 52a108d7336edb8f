package dev.nautilus.engines.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.Trade;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingStatisticsTest {

    @Test
    void handWorkedWindowOfThree() {
        RollingStatistics s = new RollingStatistics(3);
        s.add(1);
        assertThat(s.sampleVariance()).isNaN(); // one value: not enough
        s.add(2);
        s.add(3);
        // {1,2,3}: mean 2, Σd² = 1+0+1 = 2, /(3-1) = 1
        assertThat(s.isFull()).isTrue();
        assertThat(s.mean()).isCloseTo(2, within(1e-15));
        assertThat(s.sampleVariance()).isCloseTo(1, within(1e-15));
        s.add(10);
        // {2,3,10}: mean 5, Σd² = 9+4+25 = 38, /2 = 19
        assertThat(s.mean()).isCloseTo(5, within(1e-14));
        assertThat(s.sampleVariance()).isCloseTo(19, within(1e-12));
        s.add(10);
        s.add(10);
        // {10,10,10}: equal values, zero spread
        assertThat(s.sampleVariance()).isCloseTo(0, within(1e-12));
        assertThat(s.sampleStdDev()).isCloseTo(0, within(1e-6));
    }

    @Test
    void largeOffsetDoesNotCancelCatastrophically() {
        RollingStatistics s = new RollingStatistics(3);
        for (double v : new double[] {1e9 + 7, 1e9 + 1, 1e9 + 2, 1e9 + 3}) {
            s.add(v);
        }
        // window {1e9+1, 1e9+2, 1e9+3}: variance 1 (Σx² - n·mean² would lose it entirely in doubles)
        assertThat(s.sampleVariance()).isCloseTo(1, within(1e-6));
    }

    @Test
    void rejectsNonFiniteValuesAndTinyWindows() {
        RollingStatistics s = new RollingStatistics(2);
        assertThatThrownBy(() -> s.add(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new RollingStatistics(1)).hasMessageContaining("window");
    }

    @Test
    void matchesTwoPassComputationOverRealBtcReturns() {
        List<Trade> trades = BitstampTradeReplay.load().trades();
        int w = 50;
        double[] r = new double[trades.size() - 1];
        for (int i = 1; i < trades.size(); i++) {
            r[i - 1] = Math.log(trades.get(i).price() / trades.get(i - 1).price());
        }
        RollingStatistics s = new RollingStatistics(w);
        int compared = 0;
        for (int i = 0; i < r.length; i++) {
            s.add(r[i]);
            if (i >= w - 1) {
                double mean = 0;
                for (int k = i - w + 1; k <= i; k++) {
                    mean += r[k];
                }
                mean /= w;
                double ss = 0;
                for (int k = i - w + 1; k <= i; k++) {
                    ss += (r[k] - mean) * (r[k] - mean);
                }
                double sd = Math.sqrt(ss / (w - 1));
                // relative 1e-9, plus 1e-12 absolute (on returns of order 1e-3) for windows whose true
                // spread is exactly 0, where √(rounding in the variance) is ~1e-13
                assertThat(s.sampleStdDev()).as("window ending %d", i).isCloseTo(sd, within(1e-9 * sd + 1e-12));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(r.length - w + 1);
    }
}

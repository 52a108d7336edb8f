package dev.nautilus.engines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

    @Test
    void type7QuantileInterpolatesBetweenOrderStatistics() {
        double[] x = {5, 1, 4, 2, 3};
        // sorted 1 2 3 4 5; h = (n-1)p = 4p
        assertThat(EmpiricalQuantile.quantile(x, 0.5)).isEqualTo(3.0); // h = 2
        assertThat(EmpiricalQuantile.quantile(x, 0.25)).isEqualTo(2.0); // h = 1
        assertThat(EmpiricalQuantile.quantile(x, 0.95))
                .isCloseTo(4.8, within(1e-12)); // h = 3.8: 4 + 0.8·1 (numpy: 4.8)
        assertThat(EmpiricalQuantile.quantile(x, 0.0)).isEqualTo(1.0);
        assertThat(EmpiricalQuantile.quantile(x, 1.0)).isEqualTo(5.0);
        assertThat(x).containsExactly(5, 1, 4, 2, 3); // input untouched
    }

    @Test
    void quantileRejectsBadInput() {
        assertThatThrownBy(() -> EmpiricalQuantile.quantile(new double[0], 0.5)).hasMessageContaining("empty");
        assertThatThrownBy(() -> EmpiricalQuantile.quantile(new double[] {1, Double.NaN}, 0.5))
                .hasMessageContaining("sample[1]");
        assertThatThrownBy(() -> EmpiricalQuantile.quantile(new double[] {1}, 1.5))
                .hasMessageContaining("p must be");
    }

    @Test
    void runningMomentsMatchTextbookExample() {
        RunningMoments m = new RunningMoments();
        assertThat(m.mean()).isNaN();
        m.add(2);
        assertThat(m.sampleVariance()).isNaN(); // one value: no sample variance
        for (double v : new double[] {4, 4, 4, 5, 5, 7, 9}) {
            m.add(v);
        }
        // mean 40/8 = 5; Σ(x-5)² = 9+1+1+1+0+0+4+16 = 32; sample variance 32/7
        assertThat(m.mean()).isEqualTo(5.0);
        assertThat(m.sampleVariance()).isCloseTo(32.0 / 7, within(1e-12));
    }

    @Test
    void empiricalCdfCountsValuesAtOrBelowAndEvictsOldest() {
        EmpiricalCdf cdf = new EmpiricalCdf(3);
        assertThat(cdf.cdf(1)).isNaN();
        cdf.add(3);
        cdf.add(1);
        cdf.add(2);
        assertThat(cdf.cdf(0)).isEqualTo(0.0);
        assertThat(cdf.cdf(2)).isEqualTo(2.0 / 3);
        assertThat(cdf.cdf(3)).isEqualTo(1.0);
        cdf.add(4); // evicts 3 (oldest): {1, 2, 4}
        assertThat(cdf.count()).isEqualTo(3);
        assertThat(cdf.cdf(3)).isEqualTo(2.0 / 3);
        cdf.add(2); // evicts 1: {2, 4, 2}
        assertThat(cdf.cdf(1)).isEqualTo(0.0);
        assertThat(cdf.cdf(2)).isEqualTo(2.0 / 3);
        assertThatThrownBy(() -> cdf.add(Double.NaN)).hasMessageContaining("finite");
        // signed zeros: compare equal with <=, but Arrays.binarySearch orders -0.0 before 0.0; a
        // sorted [0.0, -0.0, 5] would make the eviction of 0.0 miss. Normalised, it must not.
        EmpiricalCdf zeros = new EmpiricalCdf(3);
        zeros.add(0.0);
        zeros.add(-0.0);
        zeros.add(5.0);
        zeros.add(6.0); // evicts the first 0.0
        assertThat(zeros.cdf(0.0)).isEqualTo(1.0 / 3);
    }
}

package dev.nautilus.engines.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValueAtRiskTest {

    @Test
    void historicalOnLossesOneToHundred() {
        double[] returns = new double[100];
        for (int i = 0; i < 100; i++) {
            returns[i] = -(i + 1); // losses 1..100
        }
        // sorted losses x[0..99] = 1..100. VaR95: h = 99·0.95 = 94.05 → x[94] + 0.05·(x[95]-x[94]) = 95.05
        // (numpy.percentile(range(1,101), 95) = 95.05). ES95 = mean{96..100} = 98.
        RiskEstimate h95 = ValueAtRisk.historical(returns, 0.95);
        assertThat(h95.valueAtRisk()).isCloseTo(95.05, within(1e-9));
        assertThat(h95.expectedShortfall()).isCloseTo(98, within(1e-9));
        assertThat(h95.method()).isEqualTo(VarMethod.HISTORICAL);
        // VaR99: h = 98.01 → 99.01; ES99 = mean{100} = 100
        RiskEstimate h99 = ValueAtRisk.historical(returns, 0.99);
        assertThat(h99.valueAtRisk()).isCloseTo(99.01, within(1e-9));
        assertThat(h99.expectedShortfall()).isCloseTo(100, within(1e-9));
        assertThat(h99.sampleSize()).isEqualTo(100);
    }

    @Test
    void historicalLossesArePositiveForLossesAndNegativeWhenEverythingGains() {
        double[] gains = {0.01, 0.02, 0.03};
        // losses -0.01, -0.02, -0.03 → sorted -0.03, -0.02, -0.01; h = 2·0.95 = 1.9 → -0.02 + 0.9·0.01 = -0.011
        assertThat(ValueAtRisk.historical(gains, 0.95).valueAtRisk()).isCloseTo(-0.011, within(1e-12));
    }

    @Test
    void parametricMatchesAnExactNormalReference() {
        // z and φ(z)/(1 − c) from Python's statistics.NormalDist (AS 241 quantile), an independent
        // implementation: z95 = 1.6448536269514715, φ(z95)/0.05 = 2.062712807507429;
        // z99 = 2.3263478740408408, φ(z99)/0.01 = 2.665214220345806. Held to 1e-9 as the exact Φ must be.
        RiskEstimate p95 = ValueAtRisk.parametric(0.001, 0.02, 0.95, 250);
        assertThat(p95.valueAtRisk()).isCloseTo(-0.001 + 0.02 * 1.6448536269514715, within(1e-12));
        assertThat(p95.expectedShortfall()).isCloseTo(-0.001 + 0.02 * 2.062712807507429, within(1e-12));
        RiskEstimate p99 = ValueAtRisk.parametric(0.001, 0.02, 0.99, 250);
        assertThat(p99.valueAtRisk()).isCloseTo(-0.001 + 0.02 * 2.3263478740408408, within(1e-12));
        assertThat(p99.expectedShortfall()).isCloseTo(-0.001 + 0.02 * 2.665214220345806, within(1e-12));
    }

    @Test
    void parametricFromASampleUsesSampleMeanAndStd() {
        double[] r = {-0.02, 0.01, 0.03, -0.01, 0.0};
        // mean 0.002; deviations -0.022, 0.008, 0.028, -0.012, -0.002; Σd² = 0.00148; s² = 0.00037
        double sd = Math.sqrt(0.00037);
        RiskEstimate p = ValueAtRisk.parametric(r, 0.99);
        assertThat(p.valueAtRisk()).isCloseTo(-0.002 + sd * 2.326347874, within(1e-8));
        VarReport report = ValueAtRisk.report(r);
        assertThat(report.parametric99().valueAtRisk())
                .isGreaterThan(report.parametric95().valueAtRisk());
        assertThat(report.historical99().expectedShortfall())
                .isGreaterThanOrEqualTo(report.historical99().valueAtRisk());
    }

    @Test
    void rejectsBadSamples() {
        assertThatThrownBy(() -> ValueAtRisk.historical(new double[] {1}, 0.95)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> ValueAtRisk.historical(new double[] {1, Double.NaN}, 0.95))
                .hasMessageContaining("returns[1]");
        assertThatThrownBy(() -> ValueAtRisk.historical(new double[] {1, 2}, 1.0))
                .hasMessageContaining("confidence");
        assertThatThrownBy(() -> ValueAtRisk.parametric(0, -1, 0.95, 1)).hasMessageContaining("stdDev");
    }
}

package dev.nautilus.engines.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Sharpe and Sortino on a four-return series worked by hand. */
class ReturnRatiosTest {

    private static final double[] RETURNS = {0.01, -0.02, 0.03, 0.00};

    @Test
    void sharpeIsMeanOverSampleDeviationTimesRootN() {
        SharpeRatio sharpe = new SharpeRatio();
        for (double r : RETURNS) {
            sharpe.add(r);
        }
        // mean = 0.02 / 4 = 0.005; squared deviations 0.000025 + 0.000625 + 0.000625 + 0.000025 = 0.0013;
        // sample variance 0.0013 / 3; Sharpe = 0.005 / sqrt(0.0013 / 3) * sqrt(252) = 0.005 * sqrt(581,538.46) =
        // 3.812933
        assertThat(sharpe.mean()).isCloseTo(0.005, within(1e-15));
        assertThat(sharpe.standardDeviation()).isCloseTo(Math.sqrt(0.0013 / 3), within(1e-15));
        assertThat(sharpe.annualised(252)).isCloseTo(3.812933455813, within(1e-9));
    }

    @Test
    void sortinoUsesDownsideDeviationOverAllPeriods() {
        SortinoRatio sortino = new SortinoRatio();
        for (double r : RETURNS) {
            sortino.add(r);
        }
        // only -0.02 is a loss: DD = sqrt(0.0004 / 4) = 0.01; Sortino = 0.005 / 0.01 * sqrt(252) = 0.5 * 15.874508 =
        // 7.937254
        assertThat(sortino.downsideDeviation()).isCloseTo(0.01, within(1e-15));
        assertThat(sortino.annualised(252)).isCloseTo(7.937253933194, within(1e-9));
    }

    @Test
    void undefinedRatiosAreNull() {
        SharpeRatio flat = new SharpeRatio();
        SortinoRatio noLoss = new SortinoRatio();
        assertThat(flat.annualised(252)).isNull();
        flat.add(0.01);
        assertThat(flat.annualised(252)).as("one return").isNull();
        flat.add(0.01);
        assertThat(flat.annualised(252)).as("zero deviation").isNull();
        noLoss.add(0.01);
        noLoss.add(0.02);
        assertThat(noLoss.annualised(252)).as("no losing period").isNull();
    }
}

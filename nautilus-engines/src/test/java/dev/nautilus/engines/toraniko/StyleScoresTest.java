package dev.nautilus.engines.toraniko;

import static dev.nautilus.engines.ReferenceStatistics.zScores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StyleScoresTest {

    @Test
    void momentumLagsWeightsAndCompoundsByHand() {
        // lag 1 drops 0.05; the window is (0.02, -0.01, 0.03) with weights 1/4, 1/2, 1 (half-life 1)
        double[] returns = {0.01, 0.02, -0.01, 0.03, 0.05};
        double expected = (1 + 0.25 * 0.02) * (1 + 0.5 * -0.01) * (1 + 0.03) - 1;
        assertThat(StyleScores.momentum(returns, 3, 1, 1)).isCloseTo(expected, within(1e-15));
        assertThatThrownBy(() -> StyleScores.momentum(returns, 5, 1, 1)).hasMessageContaining("needs 6 returns");
    }

    @Test
    void sizeIsMinusTheStandardisedLogCap() {
        double[] caps = {Math.exp(1), Math.exp(2), Math.exp(3)}; // logs 1, 2, 3: mean 2, sample sd 1
        assertThat(StyleScores.sizeScores(caps)).containsExactly(new double[] {1, 0, -1}, within(1e-12));
    }

    @Test
    void valueAveragesTheStandardisedRatiosAndStandardisesAgain() {
        double[] bp = {0.5, 1.0, 2.0, 4.0};
        double[] sp = {1.0, 1.0, 2.0, 1.0};
        double[] cf = {0.1, -0.1, 0.3, 0.1};
        // no winsorisation, so by hand: zScores(ln bp), zScores(ln sp), zScores(cf), averaged, z again
        double[] lnBp = {Math.log(0.5), 0, Math.log(2), Math.log(4)};
        double[] lnSp = {0, 0, Math.log(2), 0};
        double[] mean = new double[4];
        double[] zb = zScores(lnBp);
        double[] zs = zScores(lnSp);
        double[] zc = zScores(cf);
        for (int i = 0; i < 4; i++) {
            mean[i] = (zb[i] + zs[i] + zc[i]) / 3;
        }
        assertThat(StyleScores.valueScores(bp, sp, cf, 0)).containsExactly(zScores(mean), within(1e-12));
    }
}

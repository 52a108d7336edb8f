package dev.nautilus.engines.toraniko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FactorReturnEstimatorTest {

    private static final double[][] NO_STYLES = {{}, {}, {}, {}};

    @Test
    void equalCapsTwoSectorsOneStyleByHand() {
        // sector means 2 and 6 → market 4, sectors -2/+2; residuals (-1, 1, -1, 1) are exactly -1 × the style
        double[] r = {1, 3, 5, 7};
        double[][] style = {{1}, {-1}, {1}, {-1}};
        for (SectorConstraint c : SectorConstraint.values()) {
            PeriodEstimate e = FactorReturnEstimator.estimate(
                    r, new double[] {1, 1, 1, 1}, new int[] {0, 0, 1, 1}, 2, style, c, true);
            assertThat(e.factorReturns()).containsExactly(new double[] {4, -2, 2, -1}, within(1e-12));
            assertThat(e.residuals()).containsExactly(new double[] {0, 0, 0, 0}, within(1e-12));
        }
    }

    @Test
    void capWeightedConstraintMakesTheMarketTheCapWeightedSectorAverageByHand() {
        // weights √cap = 1, 2 | 3, 4; each sector's fit is its weighted mean; caps 5 and 25 of 30 tie the sectors down
        double[] r = {0.01, -0.02, 0.03, 0.05};
        double m0 = (1 * 0.01 + 2 * -0.02) / 3.0;
        double m1 = (3 * 0.03 + 4 * 0.05) / 7.0;
        double market = (5 * m0 + 25 * m1) / 30.0;
        PeriodEstimate e = FactorReturnEstimator.estimate(
                r,
                new double[] {1, 4, 9, 16},
                new int[] {0, 0, 1, 1},
                2,
                NO_STYLES,
                SectorConstraint.CAP_WEIGHTED,
                true);
        assertThat(e.factorReturns()).containsExactly(new double[] {market, m0 - market, m1 - market}, within(1e-15));
        assertThat(e.residuals())
                .containsExactly(new double[] {0.01 - m0, -0.02 - m0, 0.03 - m1, 0.05 - m1}, within(1e-15));

        // toraniko's equal constraint: the market is the plain average of the sector fits
        PeriodEstimate eq = FactorReturnEstimator.estimate(
                r, new double[] {1, 4, 9, 16}, new int[] {0, 0, 1, 1}, 2, NO_STYLES, SectorConstraint.EQUAL, true);
        double plain = (m0 + m1) / 2;
        assertThat(eq.factorReturns()).containsExactly(new double[] {plain, m0 - plain, m1 - plain}, within(1e-15));
    }

    @Test
    void matchesAnIndependentLagrangeSolveOfTheConstrainedProblem() {
        Random random = new Random(11);
        int n = 40;
        int m = 4;
        int k = 3;
        double[] r = new double[n];
        double[] caps = new double[n];
        int[] sector = new int[n];
        double[][] styles = new double[n][k];
        for (int i = 0; i < n; i++) {
            sector[i] = i % m;
            caps[i] = 1e10 * Math.exp(1.5 * random.nextGaussian());
            r[i] = 0.001 * sector[i] + 0.02 * random.nextGaussian();
            for (int j = 0; j < k; j++) {
                styles[i][j] = random.nextGaussian() + 0.3 * sector[i];
            }
        }
        for (SectorConstraint constraint : SectorConstraint.values()) {
            for (boolean residualize : new boolean[] {true, false}) {
                PeriodEstimate e = FactorReturnEstimator.estimate(r, caps, sector, m, styles, constraint, residualize);
                double[] expected = referenceSolve(r, caps, sector, m, styles, constraint, residualize);
                assertThat(e.factorReturns()).hasSize(1 + m + k);
                for (int j = 0; j < expected.length; j++) {
                    assertThat(e.factorReturns()[j])
                            .as("factor %d, %s, residualize=%s", j, constraint, residualize)
                            .isCloseTo(expected[j], within(1e-9));
                }
                double[] c = FactorReturnEstimator.constraintWeights(caps, sector, m, constraint);
                double tied = 0;
                for (int s = 0; s < m; s++) {
                    tied += c[s] * e.factorReturns()[1 + s];
                }
                assertThat(tied).isCloseTo(0, within(1e-15));
                for (int i = 0; i < n; i++) {
                    double fitted = e.factorReturns()[0] + e.factorReturns()[1 + sector[i]];
                    for (int j = 0; j < k; j++) {
                        fitted += styles[i][j] * e.factorReturns()[1 + m + j];
                    }
                    assertThat(e.residuals()[i]).isCloseTo(r[i] - fitted, within(1e-12));
                }
            }
        }
    }

    @Test
    void refusesAnEmptySectorAndMismatchedInputs() {
        assertThatThrownBy(() -> FactorReturnEstimator.estimate(
                        new double[] {0.1, 0.2},
                        new double[] {1, 1},
                        new int[] {0, 0},
                        2,
                        new double[][] {{}, {}},
                        SectorConstraint.EQUAL,
                        true))
                .hasMessageContaining("sector 1 has no asset");
        assertThatThrownBy(() -> FactorReturnEstimator.estimate(
                        new double[] {0.1, 0.2},
                        new double[] {1},
                        new int[] {0, 0},
                        1,
                        new double[][] {{}, {}},
                        SectorConstraint.EQUAL,
                        true))
                .hasMessageContaining("one entry per asset");
        assertThatThrownBy(() -> FactorReturnEstimator.estimate(
                        new double[] {0.1, 0.2},
                        new double[] {1, -1},
                        new int[] {0, 0},
                        1,
                        new double[][] {{}, {}},
                        SectorConstraint.EQUAL,
                        true))
                .hasMessageContaining("cap finite and > 0");
    }

    /**
     * Stage 1 as the Lagrange (KKT) system of min (r - Xf)ᵀW(r - Xf) s.t. cᵀf_sector = 0, with
     * X = [1, sector dummies] and W = diag(√cap); stage 2 by the normal equations SᵀWS f = SᵀW y.
     * Both solved by Gaussian elimination with partial pivoting written here.
     */
    private static double[] referenceSolve(
            double[] r,
            double[] caps,
            int[] sector,
            int m,
            double[][] styles,
            SectorConstraint constraint,
            boolean residualize) {
        int n = r.length;
        int k = styles[0].length;
        double[] c = new double[m];
        double total = 0;
        for (int i = 0; i < n; i++) {
            c[sector[i]] += caps[i];
            total += caps[i];
        }
        for (int s = 0; s < m; s++) {
            c[s] = constraint == SectorConstraint.EQUAL ? 1 : c[s] / total;
        }
        int p = 1 + m;
        double[][] kkt = new double[p + 1][p + 2];
        for (int i = 0; i < n; i++) {
            double w = Math.sqrt(caps[i]);
            double[] x = new double[p];
            x[0] = 1;
            x[1 + sector[i]] = 1;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    kkt[a][b] += 2 * w * x[a] * x[b];
                }
                kkt[a][p + 1] += 2 * w * x[a] * r[i];
            }
        }
        for (int s = 0; s < m; s++) {
            kkt[1 + s][p] = c[s];
            kkt[p][1 + s] = c[s];
        }
        double[] sectorSolution = gauss(kkt);
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            resid[i] = r[i] - sectorSolution[0] - sectorSolution[1 + sector[i]];
        }
        double[] y = residualize ? resid : r;
        double[][] normal = new double[k][k + 1];
        for (int i = 0; i < n; i++) {
            double w = Math.sqrt(caps[i]);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    normal[a][b] += w * styles[i][a] * styles[i][b];
                }
                normal[a][k] += w * styles[i][a] * y[i];
            }
        }
        double[] styleSolution = gauss(normal);
        double[] out = new double[p + k];
        System.arraycopy(sectorSolution, 0, out, 0, p);
        System.arraycopy(styleSolution, 0, out, p, k);
        return out;
    }

    /** Solves the augmented system [A | b] in place. */
    private static double[] gauss(double[][] a) {
        int n = a.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int row = col + 1; row < n; row++) {
                double f = a[row][col] / a[col][col];
                for (int j = col; j <= n; j++) {
                    a[row][j] -= f * a[col][j];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double s = a[row][n];
            for (int j = row + 1; j < n; j++) {
                s -= a[row][j] * x[j];
            }
            x[row] = s / a[row][row];
        }
        return x;
    }
}

package dev.nautilus.engines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrossSectionalScoresTest {

    @Test
    void winsorizesAtLinearlyInterpolatedPercentilesLikeNumpy() {
        // numpy.percentile([1..10], 10) = 1.9, 90 → 9.1
        double[] x = {10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(CrossSectionalScores.winsorize(x, 0.1))
                .containsExactly(new double[] {9.1, 1.9, 2, 3, 4, 5, 6, 7, 8, 9}, within(1e-12));
        assertThat(CrossSectionalScores.winsorize(x, 0)).containsExactly(x);
    }

    @Test
    void centresAndScalesBySampleStandardDeviation() {
        // mean 5, sample variance (9+1+1+9)/3 → sd √(20/3)
        double sd = Math.sqrt(20.0 / 3);
        assertThat(CrossSectionalScores.centerAndScale(new double[] {2, 4, 6, 8}))
                .containsExactly(new double[] {-3 / sd, -1 / sd, 1 / sd, 3 / sd}, within(1e-12));
        assertThat(CrossSectionalScores.centerAndScale(new double[] {3, 3, 3})).containsExactly(0, 0, 0);
    }

    @Test
    void refusesTooFewOrNonFiniteValues() {
        assertThatThrownBy(() -> CrossSectionalScores.centerAndScale(new double[] {1}))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> CrossSectionalScores.winsorize(new double[] {1, Double.NaN}, 0.05))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> CrossSectionalScores.winsorize(new double[] {1, 2}, 0.7))
                .hasMessageContaining("[0, 0.5]");
    }
}

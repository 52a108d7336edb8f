package dev.nautilus.engines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalDistributionTest {

    /**
     * Table values of Φ (15-digit references: R's pnorm; Python's {@code 0.5 * math.erfc(-x / math.sqrt(2))}
     * from the C library gives the same digits), held to 1e-9 as the exact Φ must be.
     */
    @ParameterizedTest
    @CsvSource({
        "0.0, 0.5",
        "0.5, 0.691462461274013",
        "1.0, 0.841344746068543",
        "-1.0, 0.158655253931457",
        "1.96, 0.975002104851780",
        "2.0, 0.977249868051821",
        "3.0, 0.998650101968370",
        "-3.0, 0.001349898031630",
        "1.6448536269514722, 0.95",
        "2.3263478740408408, 0.99",
        "-2.5758293035489004, 0.005",
    })
    void cdfMatchesTheExactReference(double x, double expected) {
        assertThat(NormalDistribution.cdf(x)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void lowerTailIsExactToRelativePrecision() {
        // An absolute 1e-9 bound would say nothing here: the references (Python's math.erfc) are held
        // relatively, to 1e-12.
        assertThat(NormalDistribution.cdf(-5)).isCloseTo(2.866515718791946e-7, within(2.866515718791946e-7 * 1e-12));
        assertThat(NormalDistribution.cdf(-8)).isCloseTo(6.220960574271819e-16, within(6.220960574271819e-16 * 1e-12));
        assertThat(NormalDistribution.cdf(-20))
                .isCloseTo(2.7536241186063314e-89, within(2.7536241186063314e-89 * 1e-12));
    }

    @Test
    void cdfIsSymmetricAndMonotoneAndHandlesInfinities() {
        for (double x = -6; x <= 6; x += 0.01) {
            assertThat(NormalDistribution.cdf(x) + NormalDistribution.cdf(-x)).isCloseTo(1.0, within(1e-15));
            assertThat(NormalDistribution.cdf(x + 0.01)).isGreaterThanOrEqualTo(NormalDistribution.cdf(x));
        }
        assertThat(NormalDistribution.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(NormalDistribution.cdf(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(NormalDistribution.cdf(Double.NaN)).isNaN();
    }

    @Test
    void pdfAtZeroIsOneOverRootTwoPi() {
        assertThat(NormalDistribution.pdf(0)).isCloseTo(0.3989422804014327, within(1e-16));
        assertThat(NormalDistribution.pdf(1)).isCloseTo(0.24197072451914337, within(1e-16));
    }

    /**
     * Quantiles z_p from an independent algorithm: Python's {@code statistics.NormalDist().inv_cdf}
     * (Wichura's AS 241, accurate to about 1e-16), held to 1e-9 absolute and 1e-12 relative.
     */
    @ParameterizedTest
    @CsvSource({
        "0.5, 0.0",
        "0.95, 1.6448536269514715",
        "0.975, 1.9599639845400536",
        "0.99, 2.3263478740408408",
        "0.999, 3.090232306167813",
        "0.001, -3.090232306167813",
        "1e-10, -6.361340902404056",
        "1e-300, -37.0470962993612",
        "0.500000000001, 2.506572823701861e-12",
    })
    void inverseCdfMatchesAnIndependentReference(double p, double z) {
        assertThat(NormalDistribution.inverseCdf(p)).isCloseTo(z, within(1e-9));
        assertThat(NormalDistribution.inverseCdf(p)).isCloseTo(z, within(Math.abs(z) * 1e-12 + 1e-300));
    }

    @Test
    void inverseCdfRejectsProbabilitiesOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(0)).hasMessageContaining("p must be in (0, 1)");
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

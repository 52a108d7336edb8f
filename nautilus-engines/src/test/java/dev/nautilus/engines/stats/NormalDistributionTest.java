package dev.nautilus.engines.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalDistributionTest {

    /** Table values of Φ (standard normal tables / 15-digit references, e.g. R's pnorm). */
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
    void cdfMatchesTableWithinTheStatedAbsoluteError(double x, double expected) {
        assertThat(NormalDistribution.cdf(x)).isCloseTo(expected, within(6e-8));
    }

    @Test
    void lowerTailErrorIsRelativeNotJustAbsolute() {
        // Φ(-5) = 2.866515718791939e-7 and Φ(-8) = 6.22096057427178e-16: an absolute 1e-7 bound would
        // make these worthless; the stated fractional bound is 1.2e-7.
        assertThat(NormalDistribution.cdf(-5)).isCloseTo(2.866515718791939e-7, within(2.866515718791939e-7 * 1.2e-7));
        assertThat(NormalDistribution.cdf(-8)).isCloseTo(6.22096057427178e-16, within(6.22096057427178e-16 * 1.2e-7));
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

    /** Published quantiles z_p. */
    @ParameterizedTest
    @CsvSource({
            "0.5, 0.0",
            "0.95, 1.6448536269514722",
            "0.975, 1.959963984540054",
            "0.99, 2.3263478740408408",
            "0.001, -3.090232306167813",
    })
    void inverseCdfMatchesPublishedQuantiles(double p, double z) {
        assertThat(NormalDistribution.inverseCdf(p)).isCloseTo(z, within(1e-6));
    }

    @Test
    void inverseCdfRejectsProbabilitiesOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(0)).hasMessageContaining("p must be in (0, 1)");
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NormalDistribution.inverseCdf(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}

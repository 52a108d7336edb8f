package dev.nautilus.engines.factor;

import static dev.nautilus.engines.ReferenceStatistics.zScores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.universe.CrossSection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FactorExposureCalculatorTest {

    private static final long MINUTE = 60_000_000L;
    private static final String[] SYMBOLS = {"A", "B", "C", "D"};
    private static final double[] SHARES = {100, 200, 300, 400};
    // closes per bar (rows: time, columns: A..D); volumes = 10 × (symbol index + 1); vwap = close
    private static final double[][] CLOSES = {
        {10, 20, 30, 40},
        {11, 19, 30, 42},
        {12, 21, 29, 41},
        {12, 22, 33, 40},
        {13, 20, 34, 44}
    };

    private static CrossSection section(int t) {
        Map<String, Bar> bars = new TreeMap<>();
        Map<String, InstrumentReference> refs = new TreeMap<>();
        long end = (t + 1) * MINUTE;
        for (int i = 0; i < SYMBOLS.length; i++) {
            double c = CLOSES[t][i];
            bars.put(SYMBOLS[i], new Bar(SYMBOLS[i], end - MINUTE, end, c, c, c, c, 10 * (i + 1), c, 1));
            refs.put(SYMBOLS[i], new InstrumentReference(SYMBOLS[i], "test", i < 2 ? "S1" : "S2", SHARES[i], 1, 1, 1));
        }
        return new CrossSection("test", end, new TreeMap<>(bars), new TreeMap<>(refs), true);
    }

    @Test
    void rawFactorsAndZScoresMatchAHandComputation() {
        // momentum 4-1: ln(close[t-1]/close[t-4]); volatility of the last 3 log returns; liquidity over 2 bars
        FactorConfig config = new FactorConfig(4, 1, 3, 2, 1, 0.0);
        FactorExposureCalculator calculator = new FactorExposureCalculator(config);
        Optional<FactorExposures> result = Optional.empty();
        for (int t = 0; t < CLOSES.length; t++) {
            result = calculator.onCrossSection(section(t), 4);
            if (t < CLOSES.length - 1) {
                assertThat(result).as("not enough history at %d", t).isEmpty();
            }
        }
        FactorExposures exposures = result.orElseThrow();
        assertThat(exposures.endMicros()).isEqualTo(5 * MINUTE);
        assertThat(exposures.ineligible()).isZero();

        double[][] raw = new double[4][4];
        for (int i = 0; i < 4; i++) {
            raw[0][i] = Math.log(CLOSES[3][i] / CLOSES[0][i]);
            double r1 = Math.log(CLOSES[2][i] / CLOSES[1][i]);
            double r2 = Math.log(CLOSES[3][i] / CLOSES[2][i]);
            double r3 = Math.log(CLOSES[4][i] / CLOSES[3][i]);
            double m = (r1 + r2 + r3) / 3;
            raw[1][i] = Math.sqrt(((r1 - m) * (r1 - m) + (r2 - m) * (r2 - m) + (r3 - m) * (r3 - m)) / 2);
            double volume = 10 * (i + 1);
            raw[2][i] = Math.log((CLOSES[3][i] * volume + CLOSES[4][i] * volume) / 2);
            raw[3][i] = Math.log(SHARES[i] * CLOSES[4][i]);
        }
        for (int i = 0; i < 4; i++) {
            InstrumentExposure e = exposures.exposures().get(i);
            assertThat(e.symbol()).isEqualTo(SYMBOLS[i]);
            assertThat(e.sector()).isEqualTo(i < 2 ? "S1" : "S2");
            assertThat(new double[] {e.rawMomentum(), e.rawVolatility(), e.rawLiquidity(), e.rawSize()})
                    .containsExactly(new double[] {raw[0][i], raw[1][i], raw[2][i], raw[3][i]}, within(1e-12));
            assertThat(new double[] {e.momentum(), e.volatility(), e.liquidity(), e.size()})
                    .containsExactly(
                            new double[] {zScores(raw[0])[i], zScores(raw[1])[i], zScores(raw[2])[i], zScores(raw[3])[i]
                            },
                            within(1e-12));
        }
    }

    @Test
    void anInstrumentWithoutDollarVolumeIsLeftOutNotFatal() {
        FactorConfig config = new FactorConfig(1, 0, 2, 1, 1, 0.0);
        FactorExposureCalculator calculator = new FactorExposureCalculator(config);
        Optional<FactorExposures> result = Optional.empty();
        for (int t = 0; t < 3; t++) {
            CrossSection s = section(t);
            Map<String, Bar> bars = new TreeMap<>(s.bars());
            Bar d = bars.get("D");
            bars.put(
                    "D",
                    new Bar(
                            "D",
                            d.startMicros(),
                            d.endMicros(),
                            d.open(),
                            d.high(),
                            d.low(),
                            d.close(),
                            0,
                            d.vwap(),
                            0));
            result = calculator.onCrossSection(
                    new CrossSection("test", s.endMicros(), new TreeMap<>(bars), s.references(), true), 4);
        }
        assertThat(result.orElseThrow().exposures())
                .extracting(InstrumentExposure::symbol)
                .containsExactly("A", "B", "C");
        assertThat(result.orElseThrow().ineligible()).isEqualTo(1);
    }

    @Test
    void winsorisesBeforeStandardisingAndRebalancesOnSchedule() {
        // with 4 names and p = 0.25, values are clipped to the type-7 quartiles before the z-score
        FactorConfig config = new FactorConfig(1, 0, 2, 1, 2, 0.25);
        FactorExposureCalculator calculator = new FactorExposureCalculator(config);
        assertThat(calculator.onCrossSection(section(0), 4)).isEmpty();
        assertThat(calculator.onCrossSection(section(1), 4)).isEmpty(); // history 2 < 3 needed
        assertThat(calculator.onCrossSection(section(2), 4)).isEmpty(); // not a rebalance (3rd section)
        FactorExposures e = calculator.onCrossSection(section(3), 4).orElseThrow();
        double[] size = new double[4];
        for (int i = 0; i < 4; i++) {
            size[i] = Math.log(SHARES[i] * CLOSES[3][i]);
        }
        double[] sorted = size.clone();
        java.util.Arrays.sort(sorted);
        double q1 = sorted[0] + 0.75 * (sorted[1] - sorted[0]);
        double q3 = sorted[2] + 0.25 * (sorted[3] - sorted[2]);
        double[] clipped = new double[4];
        for (int i = 0; i < 4; i++) {
            clipped[i] = Math.min(q3, Math.max(q1, size[i]));
        }
        assertThat(e.exposures().stream().mapToDouble(InstrumentExposure::size).toArray())
                .containsExactly(zScores(clipped), within(1e-12));
    }
}

package dev.nautilus.engines.vpin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VpinCalculatorTest {

    private static final long MIN = 60_000_000L;

    private static Bar bar(int minute, double close, double volume) {
        return new Bar("A", minute * MIN, (minute + 1) * MIN, close, close, close, close, volume, close, 1);
    }

    private static VpinConfig config(int minHistory) {
        return new VpinConfig(10, 2, MIN, 100, minHistory, 0.9);
    }

    @Test
    void bulkClassificationHandWorked() {
        BulkVolumeClassifier c = new BulkVolumeClassifier();
        assertThat(c.buyFraction(bar(0, 100, 1))).isEqualTo(0.5); // no previous close
        assertThat(c.buyFraction(bar(1, 101, 1))).isEqualTo(0.5); // ΔP = +1, one sample: no σ yet
        // ΔP = -2; changes {1, -2}: mean -0.5, s² = (1.5² + 1.5²)/1 = 4.5, σ = 2.12132…
        // z = -2/√4.5 = -0.942809…, Φ(z) = 0.17288929307558015 (Python 0.5·erfc(-z/√2))
        assertThat(c.buyFraction(bar(2, 99, 1))).isCloseTo(0.17288929307558015, within(1e-12));
        // ΔP = +1; changes {1, -2, 1}: mean 0, s² = (1+4+1)/2 = 3; z = 1/√3, Φ = 0.7181485691746134
        assertThat(c.buyFraction(bar(3, 100, 1))).isCloseTo(0.7181485691746134, within(1e-12));
        assertThat(c.priceChangeStdDev()).isCloseTo(Math.sqrt(3), within(1e-12));
    }

    @Test
    void vpinHandWorkedOverFourBars() {
        VpinCalculator v = new VpinCalculator("A", config(1));
        // bucket size 10, n = 2. Bar volumes 10, 10, 10, 20 → buckets 0..4, each inside one bar.
        // OI = V·|2f - 1| per bucket: f = 0.5, 0.5, 0.172889…, 0.718149…, 0.718149…
        //   → OI = 0, 0, 6.542214138488397, 4.362971383492269, 4.362971383492269
        assertThat(v.onBar(bar(0, 100, 10))).isEmpty(); // one bucket: window not full
        List<VpinEstimate> e1 = v.onBar(bar(1, 101, 10));
        assertThat(e1).singleElement().satisfies(e -> {
            assertThat(e.bucketSequence()).isEqualTo(1);
            assertThat(e.vpin()).isEqualTo(0.0); // (0 + 0) / 20
            assertThat(e.cdf()).isEqualTo(1.0); // history {0}
            assertThat(e.toxic()).isTrue(); // min history 1 and cdf 1 ≥ 0.9
        });
        List<VpinEstimate> e2 = v.onBar(bar(2, 99, 10));
        assertThat(e2.get(0).vpin()).isCloseTo(6.542214138488397 / 20, within(2e-6)); // 0.327111
        List<VpinEstimate> e3 = v.onBar(bar(3, 100, 20));
        assertThat(e3).hasSize(2);
        assertThat(e3.get(0).vpin()).isCloseTo((6.542214138488397 + 4.362971383492269) / 20, within(2e-6)); // 0.545259
        assertThat(e3.get(0).cdf()).isEqualTo(1.0); // largest so far among {0, .327, .545}
        assertThat(e3.get(1).vpin()).isCloseTo(4.362971383492269 / 10, within(2e-6)); // 0.436297
        assertThat(e3.get(1).cdf()).isEqualTo(0.75); // {0, .327, .545, .436}: 3 of 4 at or below
        assertThat(e3.get(1).toxic()).isFalse();
        assertThat(v.completedBuckets()).isEqualTo(5);
    }

    @Test
    void aSteadyDriftIsOneSidedFlowNotBalance() {
        BulkVolumeClassifier c = new BulkVolumeClassifier();
        c.buyFraction(bar(0, 100, 1));
        c.buyFraction(bar(1, 101, 1));
        // changes {+1, +1}: σ = 0, ΔP > 0 → lim Φ(ΔP/σ) = 1
        assertThat(c.buyFraction(bar(2, 102, 1))).isEqualTo(1.0);
        BulkVolumeClassifier flat = new BulkVolumeClassifier();
        flat.buyFraction(bar(0, 100, 1));
        flat.buyFraction(bar(1, 100, 1));
        assertThat(flat.buyFraction(bar(2, 100, 1))).isEqualTo(0.5);
    }

    @Test
    void vpinRisesAndAlertsWhenFlowTurnsOneSided() {
        VpinCalculator v = new VpinCalculator("A", new VpinConfig(100, 10, MIN, 1_000, 50, 0.9));
        java.util.Random rnd = new java.util.Random(5);
        double price = 1_000;
        List<VpinEstimate> calm = new ArrayList<>();
        int m = 0;
        for (; m < 600; m++) { // balanced random walk, 100 units a minute
            price += rnd.nextGaussian();
            calm.addAll(v.onBar(bar(m, price, 100)));
        }
        List<VpinEstimate> informed = new ArrayList<>();
        for (; m < 630; m++) { // persistent buying: +3σ a minute
            price += 3;
            informed.addAll(v.onBar(bar(m, price, 100)));
        }
        double calmMean =
                calm.stream().mapToDouble(VpinEstimate::vpin).average().orElseThrow();
        // each bucket is one bar, so OI/V = |2Φ(Z)-1| with Φ(Z) ~ U(0,1): E|2U-1| = 1/2, sd 1/√12;
        // the mean over ~590 estimates has a standard error near 0.012
        assertThat(calmMean).isCloseTo(0.5, within(0.05));
        assertThat(informed.get(informed.size() - 1).vpin()).isGreaterThan(0.9);
        assertThat(informed.get(informed.size() - 1).toxic()).isTrue();
        assertThat(calm.stream().filter(VpinEstimate::toxic).count()).isLessThan(calm.size() / 5);
    }

    @Test
    void alertNeedsEnoughHistory() {
        VpinCalculator v = new VpinCalculator("A", config(3));
        v.onBar(bar(0, 100, 10));
        assertThat(v.onBar(bar(1, 101, 10)).get(0).toxic()).isFalse(); // cdf 1 but history 1 < 3
        assertThat(v.onBar(bar(2, 99, 10)).get(0).toxic()).isFalse(); // history 2 < 3
        assertThat(v.onBar(bar(3, 90, 10)).get(0).toxic()).isTrue(); // history 3, new high, cdf 1
    }

    @Test
    void tradesAreAggregatedIntoBarsExactlyAsGivenBars() {
        VpinCalculator fromBars = new VpinCalculator("A", config(1));
        VpinCalculator fromTrades = new VpinCalculator("A", config(1));
        double[] closes = {100, 101, 99, 100, 100, 103};
        List<VpinEstimate> a = new ArrayList<>();
        List<VpinEstimate> b = new ArrayList<>();
        for (int m = 0; m < closes.length; m++) {
            a.addAll(fromBars.onBar(new Bar(
                    "A",
                    m * MIN,
                    (m + 1) * MIN,
                    100,
                    Math.max(100, closes[m]),
                    Math.min(100, closes[m]),
                    closes[m],
                    7,
                    100,
                    2)));
            b.addAll(fromTrades.onTrade(Trade.of("A", m * MIN, 100, 3)));
            b.addAll(fromTrades.onTrade(Trade.of("A", m * MIN + 1, closes[m], 4)));
        }
        b.addAll(fromTrades.flush());
        assertThat(b).isEqualTo(a);
        assertThat(a).isNotEmpty();
        assertThatThrownBy(() -> fromTrades.onTrade(Trade.of("B", 0, 1, 1))).hasMessageContaining("not A");
    }

    @Test
    void equalPricesGiveZeroVpinAndZeroVolumeBarsGiveNothing() {
        VpinCalculator v = new VpinCalculator("A", config(1));
        List<VpinEstimate> all = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            all.addAll(v.onBar(bar(m, 50, 10)));
        }
        assertThat(all).hasSize(9).allSatisfy(e -> assertThat(e.vpin()).isZero());
        assertThat(v.onBar(bar(10, 60, 0))).isEmpty();
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> VpinConfig.paper(0)).hasMessageContaining("bucketVolume");
        assertThatThrownBy(() -> new VpinConfig(1, 0, MIN, 10, 1, 0.9)).hasMessageContaining("windowBuckets");
        assertThatThrownBy(() -> new VpinConfig(1, 1, MIN, 10, 11, 0.9)).hasMessageContaining("minHistoryForAlert");
        assertThatThrownBy(() -> new VpinConfig(1, 1, MIN, 10, 1, 1.5)).hasMessageContaining("toxicityThreshold");
    }
}

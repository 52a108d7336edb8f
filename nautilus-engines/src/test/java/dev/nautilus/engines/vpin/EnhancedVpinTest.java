package dev.nautilus.engines.vpin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.Trade;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnhancedVpinTest {

    private static final long MIN = 60_000_000L;

    @Test
    void regimesHaveHysteresis() {
        ToxicityRegimeClassifier c = new ToxicityRegimeClassifier(RegimeThresholds.defaults()); // 0.80/0.70, 0.95/0.85
        assertThat(c.update(0.50)).isEqualTo(ToxicityRegime.NORMAL);
        assertThat(c.update(0.82)).isEqualTo(ToxicityRegime.ELEVATED);
        assertThat(c.update(0.75)).isEqualTo(ToxicityRegime.ELEVATED); // below entry, above exit: stays
        assertThat(c.update(0.69)).isEqualTo(ToxicityRegime.NORMAL);
        assertThat(c.update(0.79)).isEqualTo(ToxicityRegime.NORMAL); // not yet at entry
        assertThat(c.update(0.96)).isEqualTo(ToxicityRegime.TOXIC); // straight to toxic
        assertThat(c.update(0.90)).isEqualTo(ToxicityRegime.TOXIC); // above toxic exit
        assertThat(c.update(0.80)).isEqualTo(ToxicityRegime.ELEVATED);
        assertThat(c.update(0.96)).isEqualTo(ToxicityRegime.TOXIC);
        assertThat(c.update(0.50)).isEqualTo(ToxicityRegime.NORMAL); // collapse skips ELEVATED
        assertThatThrownBy(() -> c.update(Double.NaN)).hasMessageContaining("cdf");
        assertThatThrownBy(() -> new RegimeThresholds(0.8, 0.9, 0.95, 0.85)).hasMessageContaining("elevatedExit");
    }

    @Test
    void adaptiveBucketSizeFollowsEwmaOfCompletedPeriods() {
        AdaptiveBucketSize a = new AdaptiveBucketSize(5, 100, 2, 0.5);
        a.onVolume(50, 7); // period 0: the first, likely partial, is not counted
        a.onVolume(150, 10); // period 1
        a.onVolume(160, 10);
        assertThat(a.bucketVolume()).isEqualTo(5.0); // nothing counted yet: initial
        a.onVolume(250, 4); // period 2 starts: period 1 (20) seeds the EWMA → 20 / 2 = 10
        assertThat(a.volumePerPeriod()).isEqualTo(20.0);
        assertThat(a.bucketVolume()).isEqualTo(10.0);
        a.onVolume(450, 1); // period 4 (2 and 3 empty: skipped): EWMA = 0.5·4 + 0.5·20 = 12 → 6
        assertThat(a.bucketVolume()).isEqualTo(6.0);
        assertThatThrownBy(() -> a.onVolume(10, 1)).hasMessageContaining("earlier period");
        assertThatThrownBy(() -> new AdaptiveBucketSize(1, 1, 1, 0)).hasMessageContaining("alpha");
    }

    @Test
    void tickRuleAndBvcSideBySideOnTheSameBuckets() {
        EnhancedVpinConfig cfg =
                new EnhancedVpinConfig(10, 1, MIN, 1_000 * MIN, 1, 0.5, 100, 100, RegimeThresholds.defaults());
        EnhancedVpinCalculator v = new EnhancedVpinCalculator("A", cfg);
        List<EnhancedVpinEstimate> out = new ArrayList<>();
        // bar 0: BUY 6 @100, SELL 4 @101 (reported sides win over the tick rule) → tick buy fraction 0.6
        out.addAll(v.onTrade(new Trade("A", 0, 100, 6, Side.BUY)));
        out.addAll(v.onTrade(new Trade("A", 10_000_000, 101, 4, Side.SELL)));
        // bar 1: unknown side, uptick from 101 to 102 → buy; fraction 1.0
        out.addAll(v.onTrade(Trade.of("A", MIN, 102, 10)));
        // bar 2 (closes bar 1): downtick → sell
        out.addAll(v.onTrade(Trade.of("A", 2 * MIN, 101, 1)));
        assertThat(out).hasSize(2);
        // bucket 0 = bar 0: tick OI |6-4| = 2 → VPIN 0.2; BVC first bar f = 0.5 → VPIN 0
        assertThat(out.get(0).vpinTickRule()).isCloseTo(0.2, within(1e-12));
        assertThat(out.get(0).vpinBvc()).isCloseTo(0.0, within(1e-12));
        // bucket 1 = bar 1: all buys by tick rule → VPIN 1; BVC one price change only → f = 0.5 → 0
        assertThat(out.get(1).vpinTickRule()).isCloseTo(1.0, within(1e-12));
        assertThat(out.get(1).vpinBvc()).isCloseTo(0.0, within(1e-12));
        assertThat(out.get(1).bucketVolume()).isEqualTo(10.0);
        assertThat(out).allSatisfy(e -> assertThat(e.regime()).isEqualTo(ToxicityRegime.NORMAL)); // history < 100
        assertThat(v.flush()).isEmpty(); // bar 2 holds 1 unit: no bucket
    }

    @Test
    void anInvalidTradeIsRefusedWithoutDisturbingState() {
        EnhancedVpinConfig cfg =
                new EnhancedVpinConfig(5, 2, MIN, 10 * MIN, 5, 0.5, 100, 1, RegimeThresholds.defaults());
        EnhancedVpinCalculator clean = new EnhancedVpinCalculator("A", cfg);
        EnhancedVpinCalculator dirty = new EnhancedVpinCalculator("A", cfg);
        java.util.Random rnd = new java.util.Random(9);
        List<EnhancedVpinEstimate> a = new ArrayList<>();
        List<EnhancedVpinEstimate> b = new ArrayList<>();
        double price = 100;
        for (int i = 0; i < 3_000; i++) {
            price *= Math.exp(0.001 * rnd.nextGaussian());
            Trade t = Trade.of("A", i * 7_000_000L, price, 0.1 + rnd.nextDouble());
            if (i % 100 == 50) {
                Trade bad = Trade.of("A", t.timestampMicros(), 1e9, 0); // zero size, absurd price
                assertThatThrownBy(() -> dirty.onTrade(bad)).hasMessageContaining("size");
            }
            a.addAll(clean.onTrade(t));
            b.addAll(dirty.onTrade(t));
        }
        assertThat(b).isEqualTo(a).isNotEmpty();
        assertThat(a).allSatisfy(e -> {
            assertThat(e.vpinBvc()).isBetween(0.0, 1.0);
            assertThat(e.vpinTickRule()).isBetween(0.0, 1.0);
        });
        assertThat(clean.bucketVolume()).isNotEqualTo(5.0); // adapted after the first counted period
    }
}

package dev.nautilus.engines.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.Trade;
import org.junit.jupiter.api.Test;

class VwapAndFlowTest {

    private static final long S = 1_000_000L;

    @Test
    void cumulativeVwap() {
        CumulativeVwap v = new CumulativeVwap();
        assertThat(v.value()).isNaN();
        v.update(100, 1);
        assertThat(v.update(102, 3)).isCloseTo((100 * 1 + 102 * 3) / 4.0, within(1e-12)); // 406/4 = 101.5
        assertThatThrownBy(() -> v.update(100, 0)).hasMessageContaining("size");
        v.reset();
        assertThat(v.value()).isNaN();
    }

    @Test
    void rollingVwapDropsTradesAtOrBeforeNowMinusWindow() {
        RollingVwap v = new RollingVwap(10 * S);
        assertThat(v.update(0, 100, 1)).isEqualTo(100.0);
        assertThat(v.update(5 * S, 110, 1)).isCloseTo(105, within(1e-12)); // (100+110)/2
        // at t=10 s the trade at t=0 is exactly one window old: out. (110·1 + 120·2)/3 = 350/3
        assertThat(v.update(10 * S, 120, 2)).isCloseTo(350.0 / 3, within(1e-12));
        assertThat(v.tradeCount()).isEqualTo(2);
        // a gap longer than the window empties it
        assertThat(v.update(30 * S, 90, 1)).isEqualTo(90.0);
        assertThat(v.volume()).isEqualTo(1.0);
        assertThatThrownBy(() -> v.update(29 * S, 90, 1)).hasMessageContaining("backwards");
    }

    @Test
    void tickRuleUsesThePreviousDifferentPrice() {
        TickRule t = new TickRule();
        assertThat(t.classify(100)).isEqualTo(Side.UNKNOWN); // first trade
        assertThat(t.classify(100)).isEqualTo(Side.UNKNOWN); // no move yet
        assertThat(t.classify(101)).isEqualTo(Side.BUY); // uptick
        assertThat(t.classify(101)).isEqualTo(Side.BUY); // zero-uptick
        assertThat(t.classify(100)).isEqualTo(Side.SELL); // downtick
        assertThat(t.classify(100)).isEqualTo(Side.SELL); // zero-downtick
        assertThat(t.classify(102)).isEqualTo(Side.BUY);
    }

    @Test
    void flowImbalanceUsesReportedSideElseTickRule() {
        TradeFlowImbalance f = new TradeFlowImbalance(60 * S);
        f.update(Trade.of("A", 0, 100, 1)); // unclassifiable: 0, but counts in total
        f.update(Trade.of("A", 1 * S, 101, 2)); // uptick +2
        f.update(Trade.of("A", 2 * S, 100.5, 1)); // downtick -1
        double imb = f.update(Trade.of("A", 3 * S, 100.5, 3)); // zero-downtick -3
        assertThat(f.signedVolume()).isCloseTo(0 + 2 - 1 - 3, within(1e-12));
        assertThat(f.totalVolume()).isCloseTo(7, within(1e-12));
        assertThat(imb).isCloseTo(-2.0 / 7, within(1e-12));
        // reported BUY on a downtick counts as a buy
        f.update(new Trade("A", 4 * S, 100, 4, Side.BUY));
        assertThat(f.signedVolume()).isCloseTo(2, within(1e-12));
        // at t=62 s the window is (2 s, 62 s]: trades at 0, 1 and 2 s are out; 3, 4 and 62 s remain
        f.update(new Trade("A", 62 * S, 100, 1, Side.SELL));
        assertThat(f.totalVolume()).isCloseTo(3 + 4 + 1, within(1e-12));
        assertThat(f.signedVolume()).isCloseTo(-3 + 4 - 1, within(1e-12));
        assertThat(f.imbalance()).isBetween(-1.0, 1.0);
    }

    @Test
    void instrumentFeaturesCombineEverythingAndRejectForeignTrades() {
        InstrumentFeatures f = new InstrumentFeatures("A", new FeatureConfig(2, 2, 2, 2, 60 * S, 60 * S));
        FeatureSnapshot s1 = f.update(Trade.of("A", 0, 100, 1));
        assertThat(s1.simpleReturn()).isNaN();
        assertThat(s1.sma()).isNaN();
        assertThat(s1.vwap()).isEqualTo(100.0);
        f.update(Trade.of("A", S, 110, 1));
        FeatureSnapshot s3 = f.update(Trade.of("A", 2 * S, 121, 2));
        assertThat(s3.simpleReturn()).isCloseTo(0.1, within(1e-12));
        assertThat(s3.volatility()).isCloseTo(0, within(1e-12)); // two equal log returns ln 1.1
        assertThat(s3.sma()).isCloseTo(115.5, within(1e-12));
        assertThat(s3.rsi()).isEqualTo(100.0);
        assertThat(s3.vwap()).isCloseTo((100 + 110 + 242) / 4.0, within(1e-12));
        assertThat(s3.flowImbalance()).isCloseTo((0 + 1 + 2) / 4.0, within(1e-12));
        assertThatThrownBy(() -> f.update(Trade.of("B", 3 * S, 1, 1))).hasMessageContaining("not A");
        FeatureCalculator calc = new FeatureCalculator(FeatureConfig.defaults());
        calc.onTrade(Trade.of("X", 0, 1, 1));
        calc.onTrade(Trade.of("Y", 0, 1, 1));
        assertThat(calc.instrumentCount()).isEqualTo(2);
    }
}

package dev.nautilus.engines.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeBarAggregatorTest {

    private static final long S = 1_000_000L;
    private final TimeBarAggregator bars = new TimeBarAggregator(60 * S);

    @Test
    void aggregatesOhlcvAndVwapAndSkipsEmptyIntervals() {
        assertThat(bars.onTrade(Trade.of("A", 0, 100, 1))).isEmpty();
        assertThat(bars.onTrade(Trade.of("A", 30 * S, 102, 3))).isEmpty();
        assertThat(bars.onTrade(Trade.of("A", 60 * S - 1, 99, 1))).isEmpty();

        // next trade at 185 s: [60,120) and [120,180) had no trades, so no bars for them
        Optional<Bar> first = bars.onTrade(Trade.of("A", 185 * S, 101, 2));
        assertThat(first).isPresent();
        Bar b = first.get();
        assertThat(b.startMicros()).isZero();
        assertThat(b.endMicros()).isEqualTo(60 * S);
        assertThat(b.open()).isEqualTo(100);
        assertThat(b.high()).isEqualTo(102);
        assertThat(b.low()).isEqualTo(99);
        assertThat(b.close()).isEqualTo(99);
        assertThat(b.volume()).isEqualTo(5);
        assertThat(b.vwap()).isCloseTo((100 * 1 + 102 * 3 + 99 * 1) / 5.0, within(1e-12)); // 505/5 = 101
        assertThat(b.tradeCount()).isEqualTo(3);

        // a single-trade bar: O = H = L = C = VWAP
        Bar single = bars.flush("A").orElseThrow();
        assertThat(single.startMicros()).isEqualTo(180 * S);
        assertThat(single).isEqualTo(new Bar("A", 180 * S, 240 * S, 101, 101, 101, 101, 2, 101, 1));
        assertThat(bars.flush("A")).isEmpty();
    }

    @Test
    void instrumentsAreIndependentAndNegativeTimesAlignToTheEpoch() {
        bars.onTrade(Trade.of("A", -1, 10, 1));
        bars.onTrade(Trade.of("B", 5 * S, 20, 1));
        Bar a = bars.onTrade(Trade.of("A", 0, 11, 1)).orElseThrow();
        assertThat(a.startMicros()).isEqualTo(-60 * S);
        assertThat(bars.flushAll()).extracting(Bar::instrument).containsExactly("A", "B");
    }

    @Test
    void refusesInvalidAndOutOfOrderTrades() {
        bars.onTrade(Trade.of("A", 120 * S, 10, 1));
        assertThatThrownBy(() -> bars.onTrade(Trade.of("A", 119 * S, 10, 1)))
                .hasMessageContaining("before the open bar");
        assertThatThrownBy(() -> bars.onTrade(Trade.of("A", 121 * S, 10, 0))).hasMessageContaining("size");
        assertThatThrownBy(() -> bars.onTrade(Trade.of("A", 121 * S, Double.NaN, 1)))
                .hasMessageContaining("price");
        assertThatThrownBy(() -> new TimeBarAggregator(0)).hasMessageContaining("intervalMicros");
    }

    @Test
    void equalPricesGiveAFlatBarWithVwapInsideTheRange() {
        for (int i = 0; i < 1000; i++) {
            bars.onTrade(Trade.of("A", i, 0.1 + 0.2, 0.1 * (i % 7 + 1)));
        }
        Bar b = bars.flush("A").orElseThrow();
        assertThat(b.vwap()).isEqualTo(b.close());
    }
}

package dev.nautilus.engines.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrategyTest {

    private static final BigDecimal ONE = BigDecimal.ONE;

    @Test
    void movingAverageCrossHandWorked() {
        MovingAverageCrossStrategy s = new MovingAverageCrossStrategy(2, 3, ONE, true);
        assertThat(s.onPrice("A", 1, 1)).isEmpty();
        assertThat(s.onPrice("A", 2, 2)).isEmpty();
        // fast = (2+3)/2 = 2.5 > slow = (1+2+3)/3 = 2 → long 1
        Signal first = s.onPrice("A", 3, 3).orElseThrow();
        assertThat(first.targetQuantity()).isEqualByComparingTo("1");
        assertThat(first.side()).isEqualTo(TargetSide.LONG);
        assertThat(first.strategy()).isEqualTo("ma_cross");
        assertThat(first.reason()).contains("SMA(2)=2.500000 > SMA(3)=2.000000");
        assertThat(first.timestampMicros()).isEqualTo(3);
        // fast = (3+1)/2 = 2 = slow = (2+3+1)/3 = 2 → tie keeps the target
        assertThat(s.onPrice("A", 4, 1)).isEmpty();
        // fast = (1+4)/2 = 2.5 < slow = (3+1+4)/3 = 2.667 → short
        Signal second = s.onPrice("A", 5, 4).orElseThrow();
        assertThat(second.targetQuantity()).isEqualByComparingTo("-1");
        assertThat(s.currentTarget("A")).isEqualByComparingTo("-1");
        assertThat(s.currentTarget("B")).isEqualByComparingTo("0");
    }

    @Test
    void movingAverageCrossWithoutShortsGoesFlat() {
        MovingAverageCrossStrategy s = new MovingAverageCrossStrategy(2, 3, ONE, false);
        s.onPrice("A", 1, 3);
        s.onPrice("A", 2, 2);
        // fast = 1.5 < slow = 2 → flat; a first determination is still a signal
        assertThat(s.onPrice("A", 3, 1)).get().extracting(Signal::side).isEqualTo(TargetSide.FLAT);
        assertThatThrownBy(() -> new MovingAverageCrossStrategy(3, 3, ONE, true))
                .hasMessageContaining("fastPeriod");
        assertThatThrownBy(() -> new MovingAverageCrossStrategy(2, 3, BigDecimal.ZERO, true))
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> s.onPrice("A", 4, Double.NaN)).hasMessageContaining("price");
    }

    @Test
    void rsiMeanReversionHandWorked() {
        RsiMeanReversionStrategy s = new RsiMeanReversionStrategy(3, 30, 70, 50, ONE, true);
        s.onPrice("A", 1, 10);
        s.onPrice("A", 2, 9);
        s.onPrice("A", 3, 8);
        // three losses: avgGain 0 → RSI 0 < 30 → long
        Signal buy = s.onPrice("A", 4, 7).orElseThrow();
        assertThat(buy.targetQuantity()).isEqualByComparingTo("1");
        assertThat(buy.reason()).startsWith("oversold");
        // +1: avgGain = (0·2+1)/3 = 1/3, avgLoss = (1·2+0)/3 = 2/3 → RSI 33.3: hold
        assertThat(s.onPrice("A", 5, 8)).isEmpty();
        // +1: avgGain = (2/3+1)/3 = 5/9, avgLoss = 4/9 → RS 1.25 → RSI 55.6 ≥ 50 → exit
        assertThat(s.onPrice("A", 6, 9)).get().extracting(Signal::side).isEqualTo(TargetSide.FLAT);
        // +1: avgGain = (10/9+1)/3 = 19/27, avgLoss = 8/27 → RSI = 100 - 100/(1+19/8) = 70.37 > 70 → short
        Signal sell = s.onPrice("A", 7, 10).orElseThrow();
        assertThat(sell.targetQuantity()).isEqualByComparingTo("-1");
        assertThat(sell.reason()).startsWith("overbought");
        assertThatThrownBy(() -> new RsiMeanReversionStrategy(3, 60, 70, 50, ONE, true))
                .hasMessageContaining("oversold");
    }

    @Test
    void vpinFilterStandsAsideWhileToxicAndResumesAfter() {
        MovingAverageCrossStrategy inner = new MovingAverageCrossStrategy(2, 3, ONE, true);
        VpinFilteredStrategy s = new VpinFilteredStrategy(inner);
        assertThat(s.name()).isEqualTo("vpin_filtered_ma_cross");
        s.onPrice("A", 1, 1);
        s.onPrice("A", 2, 2);
        assertThat(s.onPrice("A", 3, 3))
                .get()
                .extracting(Signal::targetQuantity)
                .isEqualTo(ONE);

        Optional<Signal> aside = s.onToxicity("A", 4, true, "CDF 0.95");
        assertThat(aside).get().satisfies(sig -> {
            assertThat(sig.side()).isEqualTo(TargetSide.FLAT);
            assertThat(sig.reason()).contains("toxic").contains("CDF 0.95");
        });
        assertThat(s.onToxicity("A", 5, true, "still")).isEmpty(); // no change, no signal
        // the inner strategy flips short while toxic: withheld
        assertThat(s.onPrice("A", 6, 1)).isEmpty();
        assertThat(s.onPrice("A", 7, 0.5)).isEmpty();
        assertThat(inner.currentTarget("A")).isEqualByComparingTo("-1");
        // clearing re-emits the inner strategy's wish
        assertThat(s.onToxicity("A", 8, false, "CDF 0.5"))
                .get()
                .extracting(Signal::targetQuantity)
                .isEqualTo(BigDecimal.ONE.negate());
        assertThat(s.currentTarget("A")).isEqualByComparingTo("-1");
    }
}

package dev.nautilus.engines.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Maximum drawdown with peak, trough and recovery dates on hand-made curves. */
class MaxDrawdownTest {

    private static MaxDrawdown curve(double... equity) {
        MaxDrawdown dd = new MaxDrawdown();
        for (int t = 0; t < equity.length; t++) {
            dd.update(t + 1, equity[t]);
        }
        return dd;
    }

    @Test
    void deepestDrawdownWithItsRecovery() {
        // 100, 120 (peak at t=2), 90 (trough at t=3: 30/120 = 0.25), 110, 130 (back above 120 at t=5), 125
        DrawdownEpisode e = curve(100, 120, 90, 110, 130, 125).episode();
        assertThat(e.depth()).isCloseTo(0.25, within(1e-15));
        assertThat(e.peakMicros()).isEqualTo(2);
        assertThat(e.troughMicros()).isEqualTo(3);
        assertThat(e.recoveryMicros()).isEqualTo(5L);
    }

    @Test
    void notRecoveredWhileBelowThePeak() {
        DrawdownEpisode e = curve(100, 80, 95).episode();
        assertThat(e.depth()).isCloseTo(0.2, within(1e-15));
        assertThat(e.peakMicros()).isEqualTo(1);
        assertThat(e.troughMicros()).isEqualTo(2);
        assertThat(e.recoveryMicros()).isNull();
    }

    @Test
    void aDeeperLaterDrawdownReplacesTheRecoveredOne() {
        // 100 → 90 (0.10, recovered at t=3 by 100), 200 (peak t=4) → 150 (0.25 at t=5), 180: not recovered
        DrawdownEpisode e = curve(100, 90, 100, 200, 150, 180).episode();
        assertThat(e.depth()).isCloseTo(0.25, within(1e-15));
        assertThat(e.peakMicros()).isEqualTo(4);
        assertThat(e.troughMicros()).isEqualTo(5);
        assertThat(e.recoveryMicros()).isNull();
    }

    @Test
    void risingCurveHasNoDrawdown() {
        MaxDrawdown dd = curve(100, 101, 102);
        assertThat(dd.episode().depth()).isZero();
        assertThat(dd.episode().recoveryMicros()).isNull();
        assertThat(dd.current()).isZero();
    }
}

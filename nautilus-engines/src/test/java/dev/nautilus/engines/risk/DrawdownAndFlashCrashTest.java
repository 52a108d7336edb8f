package dev.nautilus.engines.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DrawdownAndFlashCrashTest {

    private static final long S = 1_000_000L;

    @Test
    void drawdownTracksPeakCurrentAndMaximumWithDates() {
        DrawdownTracker t = new DrawdownTracker();
        t.update(1, 100);
        t.update(2, 120);
        Drawdown d = t.update(3, 90); // (120-90)/120 = 0.25
        assertThat(d.current()).isCloseTo(0.25, within(1e-12));
        t.update(4, 130); // new peak
        d = t.update(5, 104); // (130-104)/130 = 0.2
        assertThat(d.current()).isCloseTo(0.2, within(1e-12));
        assertThat(d.maximum()).isCloseTo(0.25, within(1e-12));
        assertThat(d.maximumPeakMicros()).isEqualTo(2);
        assertThat(d.maximumTroughMicros()).isEqualTo(3);
        d = t.update(6, 65); // (130-65)/130 = 0.5
        assertThat(d.maximum()).isCloseTo(0.5, within(1e-12));
        assertThat(d.peak()).isEqualTo(130);
        assertThat(d.peakMicros()).isEqualTo(4);
        assertThat(d.maximumPeakMicros()).isEqualTo(4);
        assertThat(d.maximumTroughMicros()).isEqualTo(6);
        assertThatThrownBy(() -> t.update(5, 100)).hasMessageContaining("backwards");
        assertThatThrownBy(() -> new DrawdownTracker().update(1, 0)).hasMessageContaining("first equity");
        assertThatThrownBy(() -> t.update(7, Double.NaN)).hasMessageContaining("finite");
    }

    @Test
    void flashCrashAlertsOncePerEpisodeWithinTheWindow() {
        FlashCrashDetector f = new FlashCrashDetector(60 * S, 0.05);
        assertThat(f.onPrice("A", 0, 100)).isEmpty();
        assertThat(f.onPrice("A", 10 * S, 102)).isEmpty();
        assertThat(f.onPrice("A", 20 * S, 99)).isEmpty(); // (102-99)/102 = 2.9%
        Optional<FlashCrashAlert> alert = f.onPrice("A", 30 * S, 96.8); // (102-96.8)/102 = 5.098%
        assertThat(alert).get().satisfies(a -> {
            assertThat(a.windowHigh()).isEqualTo(102);
            assertThat(a.windowHighMicros()).isEqualTo(10 * S);
            assertThat(a.drop()).isCloseTo(5.2 / 102, within(1e-12));
        });
        assertThat(f.onPrice("A", 40 * S, 95)).isEmpty(); // same episode: no repeat
        assertThat(f.onPrice("A", 50 * S, 101)).isEmpty(); // recovered: re-armed
        // at 80 s the window is (20 s, 80 s]: 102 (10 s) has left; max is 101 (50 s); 95.9 is 5.05% below
        assertThat(f.onPrice("A", 80 * S, 95.9))
                .get()
                .extracting(FlashCrashAlert::windowHigh)
                .isEqualTo(101.0);
    }

    @Test
    void aSlowDeclineIsNotACrash() {
        FlashCrashDetector f = new FlashCrashDetector(60 * S, 0.05);
        double p = 100;
        for (int i = 0; i < 100; i++) {
            assertThat(f.onPrice("A", i * 61 * S, p)).isEmpty(); // -1% per 61 s: never 5% inside a minute
            p *= 0.99;
        }
    }

    @Test
    void windowHighMatchesBruteForceOnARandomWalk() {
        FlashCrashDetector f = new FlashCrashDetector(50 * S, 0.5);
        Random rnd = new Random(3);
        int n = 5_000;
        long[] t = new long[n];
        double[] p = new double[n];
        double price = 100;
        long now = 0;
        for (int i = 0; i < n; i++) {
            now += (long) (rnd.nextDouble() * 10 * S);
            price *= Math.exp(0.01 * rnd.nextGaussian());
            t[i] = now;
            p[i] = price;
            f.onPrice("A", now, price);
            double max = 0;
            for (int k = i; k >= 0 && t[k] > now - 50 * S; k--) {
                max = Math.max(max, p[k]);
            }
            assertThat(f.windowHigh("A")).isEqualTo(max);
        }
        assertThat(f.windowHigh("B")).isNaN();
    }
}

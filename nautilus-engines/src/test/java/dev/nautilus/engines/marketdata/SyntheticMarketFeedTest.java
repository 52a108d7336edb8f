package dev.nautilus.engines.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticMarketFeedTest {

    private static List<Trade> run(long seed, int steps) {
        SyntheticMarketFeed feed = new SyntheticMarketFeed(SyntheticFeedConfig.defaults(seed, 5, 2));
        List<Trade> all = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            all.addAll(feed.nextStep());
        }
        return all;
    }

    @Test
    void sameSeedSameFeedDifferentSeedDifferentFeed() {
        assertThat(run(42, 200)).isEqualTo(run(42, 200));
        assertThat(run(42, 200)).isNotEqualTo(run(43, 200));
    }

    @Test
    void universeHasSectorsCapsAndSaneParameters() {
        SyntheticMarketFeed feed = new SyntheticMarketFeed(SyntheticFeedConfig.defaults(1, 10, 3));
        assertThat(feed.instruments()).hasSize(10);
        assertThat(feed.instruments()).extracting(InstrumentSpec::sector).containsOnly(0, 1, 2);
        assertThat(feed.instruments()).allSatisfy(s -> {
            assertThat(s.beta()).isBetween(0.5, 1.5);
            assertThat(s.marketCap()).isPositive();
            assertThat(s.initialPrice()).isBetween(10.0, 500.0);
        });
        List<Trade> step = feed.nextStep();
        assertThat(step).extracting(Trade::timestampMicros).containsOnly(1_700_000_000_000_000L);
        assertThat(feed.nextStep()).extracting(Trade::timestampMicros).containsOnly(1_700_000_001_000_000L);
    }

    @Test
    void sampleCorrelationsMatchTheFactorModel() {
        int n = 6;
        int steps = 20_000;
        SyntheticMarketFeed feed = new SyntheticMarketFeed(SyntheticFeedConfig.defaults(7, n, 2));
        double[][] r = new double[n][steps];
        double[] last = new double[n];
        for (int i = 0; i < n; i++) {
            last[i] = feed.instruments().get(i).initialPrice();
        }
        int buysOnUpMoves = 0;
        int upMoves = 0;
        double sumLogSizeDev = 0;
        for (int t = 0; t < steps; t++) {
            List<Trade> trades = feed.nextStep();
            for (int i = 0; i < n; i++) {
                Trade tr = trades.get(i);
                r[i][t] = Math.log(tr.price() / last[i]);
                last[i] = tr.price();
                assertThat(tr.size()).isPositive();
                if (r[i][t] > 0) {
                    upMoves++;
                    buysOnUpMoves += tr.side() == Side.BUY ? 1 : 0;
                }
            }
        }
        double sameSector = 0;
        double crossSector = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double sample = correlation(r[i], r[j]);
                double model = feed.modelCorrelation(i, j);
                // standard error of a correlation ≈ (1-ρ²)/√n ≈ 0.007 here; allow ~4 of them
                assertThat(sample).as("corr(%d,%d)", i, j).isCloseTo(model, within(0.03));
                if (feed.instruments().get(i).sector()
                        == feed.instruments().get(j).sector()) {
                    sameSector = Math.max(sameSector, model);
                } else {
                    crossSector = Math.max(crossSector, model);
                }
            }
        }
        assertThat(sameSector).isGreaterThan(0);
        // P(BUY | r > 0) = E[Φ(Z) | Z > 0] = 2∫₀^∞ Φφ dz = 2·(1 - 1/4)/2 = 3/4
        assertThat((double) buysOnUpMoves / upMoves).isCloseTo(0.75, within(0.01));
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> SyntheticFeedConfig.defaults(1, 2, 3)).hasMessageContaining("sectorCount");
        assertThatThrownBy(() -> new SyntheticFeedConfig(1, 1, 1, 0, 1, -1, 0, 0, 0, 1))
                .hasMessageContaining("marketVol");
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}

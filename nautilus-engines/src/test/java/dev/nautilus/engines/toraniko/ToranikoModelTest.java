package dev.nautilus.engines.toraniko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.SyntheticFeedConfig;
import dev.nautilus.engines.marketdata.SyntheticMarketFeed;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.stats.CrossSectionalScores;
import dev.nautilus.engines.universe.CrossSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The model's bookkeeping on the synthetic universe (each feed step one period), against returns,
 * caps and exposures tracked independently here: exposures as of the period's start, returns over it.
 */
class ToranikoModelTest {

    private static final int N = 12;
    private static final int STEPS = 20;
    private static final ToranikoConfig CONFIG =
            new ToranikoConfig(5, 2, 1, 0.01, 0.05, 0.05, true, SectorConstraint.CAP_WEIGHTED, 4);

    @Test
    void estimatesEachPeriodFromTheExposuresKnownAtItsStart() {
        SyntheticMarketFeed feed = new SyntheticMarketFeed(SyntheticFeedConfig.defaults(3, N, 3));
        List<InstrumentReference> refs = feed.references("synthetic");
        ToranikoModel model = new ToranikoModel("synthetic", CONFIG);
        double[][] closes = new double[STEPS][N];
        List<FactorReturns> published = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            List<Trade> trades = feed.nextStep();
            Map<String, Bar> bars = new TreeMap<>();
            Map<String, InstrumentReference> sectionRefs = new TreeMap<>();
            long end = (t + 1) * 1_000_000L;
            for (int i = 0; i < N; i++) {
                double p = trades.get(i).price();
                closes[t][i] = p;
                bars.put(
                        refs.get(i).symbol(),
                        new Bar(refs.get(i).symbol(), end - 1_000_000L, end, p, p, p, p, 1, p, 1));
                sectionRefs.put(refs.get(i).symbol(), refs.get(i));
            }
            Optional<FactorReturns> out = model.onCrossSection(
                    new CrossSection("synthetic", end, new TreeMap<>(bars), new TreeMap<>(sectionRefs), true));
            out.ifPresent(published::add);
        }
        // returns start at step 1; momentum needs 5 + 1 of them (scored at step 6); the first period it explains ends
        // at step 7
        int first = CONFIG.returnsNeeded() + 1;
        assertThat(published).hasSize(STEPS - first);
        for (int k = 0; k < published.size(); k++) {
            int t = first + k;
            FactorReturns fr = published.get(k);
            assertThat(fr.periodStartMicros()).as("end of step t-1").isEqualTo(t * 1_000_000L);
            assertThat(fr.periodEndMicros()).as("end of step t").isEqualTo((t + 1) * 1_000_000L);
            assertThat(fr.factors())
                    .containsExactly("market", "SECTOR_0", "SECTOR_1", "SECTOR_2", "momentum", "value", "size");
            double[] expected = expectedFactorReturns(refs, closes, t - 1);
            assertThat(fr.returns().stream().mapToDouble(Double::doubleValue).toArray())
                    .containsExactly(expected, within(1e-15));
            assertThat(fr.residuals()).hasSize(N);
        }
        // covariance over the last 4 periods, two passes here
        FactorCovarianceUpdate cov = model.covarianceUpdate().orElseThrow();
        assertThat(cov.periods()).isEqualTo(4);
        List<FactorReturns> window = published.subList(published.size() - 4, published.size());
        for (int a = 0; a < 7; a++) {
            for (int b = 0; b < 7; b++) {
                double ma = 0;
                double mb = 0;
                for (FactorReturns fr : window) {
                    ma += fr.returns().get(a) / 4;
                    mb += fr.returns().get(b) / 4;
                }
                double c = 0;
                for (FactorReturns fr : window) {
                    c += (fr.returns().get(a) - ma) * (fr.returns().get(b) - mb) / 3;
                }
                assertThat(cov.covariance().get(a).get(b)).isCloseTo(c, within(1e-15));
            }
        }
    }

    /** Period t (closes t → t+1) on exposures of step t, tracked from the raw closes. */
    private static double[] expectedFactorReturns(List<InstrumentReference> refs, double[][] closes, int t) {
        double[] mom = new double[N];
        double[] caps = new double[N];
        double[] bp = new double[N];
        double[] sp = new double[N];
        double[] cf = new double[N];
        int[] sector = new int[N];
        double[] r = new double[N];
        for (int i = 0; i < N; i++) {
            double[] history = new double[CONFIG.returnsNeeded()];
            for (int j = 0; j < history.length; j++) {
                int s = t - history.length + 1 + j;
                history[j] = closes[s][i] / closes[s - 1][i] - 1;
            }
            mom[i] = StyleScores.momentum(history, 5, 2, 1);
            InstrumentReference ref = refs.get(i);
            caps[i] = ref.sharesOutstanding() * closes[t][i];
            bp[i] = ref.bookValue() / caps[i];
            sp[i] = ref.sales() / caps[i];
            cf[i] = ref.cashFlow() / caps[i];
            sector[i] = Integer.parseInt(ref.sector().substring("SECTOR_".length()));
            r[i] = closes[t + 1][i] / closes[t][i] - 1;
        }
        double[] m = StyleScores.momentumScores(mom, 0.01);
        double[] v = StyleScores.valueScores(bp, sp, cf, 0.05);
        double[] z = StyleScores.sizeScores(caps);
        double[][] styles = new double[N][];
        for (int i = 0; i < N; i++) {
            styles[i] = new double[] {m[i], v[i], z[i]};
        }
        return FactorReturnEstimator.estimate(
                        CrossSectionalScores.winsorize(r, 0.05),
                        caps,
                        sector,
                        3,
                        styles,
                        SectorConstraint.CAP_WEIGHTED,
                        true)
                .factorReturns();
    }
}

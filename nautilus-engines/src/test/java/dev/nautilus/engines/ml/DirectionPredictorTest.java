package dev.nautilus.engines.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.features.FeatureCalculator;
import dev.nautilus.engines.features.FeatureConfig;
import dev.nautilus.engines.features.FeatureSnapshot;
import dev.nautilus.engines.features.FeatureUpdate;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.TimeBarAggregator;
import dev.nautilus.engines.marketdata.Trade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ML forecaster on the real Bitstamp BTC/USD one-minute features, as the Features engine publishes them. */
class DirectionPredictorTest {

    private static final Logger LOG = LoggerFactory.getLogger(DirectionPredictorTest.class);
    private static final String BTC = BitstampTradeReplay.INSTRUMENT;
    private static final MlConfig CONFIG = MlConfig.defaults();
    private static List<FeatureUpdate> updates;
    private static final Map<Long, Double> priceByBarEnd = new HashMap<>();

    @BeforeAll
    static void features() {
        // as the Features engine does: at each completed bar, the features after the bar's last trade
        FeatureCalculator calculator = new FeatureCalculator(FeatureConfig.defaults());
        TimeBarAggregator bars = new TimeBarAggregator(60_000_000L);
        updates = new ArrayList<>();
        FeatureSnapshot latest = null;
        for (Trade t : BitstampTradeReplay.load().trades()) {
            Optional<Bar> bar = bars.onTrade(t);
            if (bar.isPresent() && latest != null) {
                updates.add(FeatureUpdate.of(latest, bar.get().endMicros()));
            }
            latest = calculator.onTrade(t);
        }
        updates.forEach(u -> priceByBarEnd.put(u.barEndMicros(), u.price()));
    }

    private static List<MlPrediction> run(List<FeatureUpdate> input) {
        DirectionPredictor predictor = new DirectionPredictor(BTC, CONFIG);
        List<MlPrediction> out = new ArrayList<>();
        for (FeatureUpdate u : input) {
            predictor.onFeatures(u).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void forecastsDoNotChangeWhenTheFutureDoes() {
        int k = 3_000;
        List<MlPrediction> full = run(updates);
        Random random = new Random(5);
        List<FeatureUpdate> alteredFuture = new ArrayList<>(updates.subList(0, k));
        for (FeatureUpdate u : updates.subList(k, updates.size())) {
            double f = Math.exp(0.05 * random.nextGaussian());
            alteredFuture.add(new FeatureUpdate(
                    u.instrument(),
                    u.timestampMicros(),
                    u.barEndMicros(),
                    u.price() * f,
                    u.simpleReturn(),
                    -u.logReturn(),
                    u.volatility(),
                    u.sma(),
                    u.ema(),
                    100 - u.rsi(),
                    u.vwap(),
                    u.rollingVwap(),
                    -u.flowImbalance(),
                    u.signedVolume()));
        }
        List<MlPrediction> altered = run(alteredFuture);
        List<MlPrediction> prefix = run(updates.subList(0, k));
        int published = prefix.size();
        assertThat(published).isGreaterThan(2_900);
        assertThat(altered.subList(0, published)).isEqualTo(prefix).isEqualTo(full.subList(0, published));
        assertThat(altered.get(published + 5)).isNotEqualTo(full.get(published + 5));
    }

    @Test
    void matchesAWalkForwardReferenceThatRetrainsFromScratchOnThePastOnly() {
        List<FeatureUpdate> input = updates.subList(0, 400);
        List<MlPrediction> predictions = run(input);
        List<double[]> inputs = new ArrayList<>();
        List<Double> prices = new ArrayList<>();
        int published = 0;
        for (FeatureUpdate u : input) {
            Optional<double[]> x = FeatureVector.of(u);
            if (x.isEmpty()) {
                continue; // the first bars, before every window is full: no forecast
            }
            inputs.add(x.get());
            prices.add(u.price());
            int t = inputs.size() - 1;
            double[][] z = standardisedAsOfEach(inputs);
            double[] w = new double[x.get().length];
            double[] b = {0};
            for (int s = 0; s < t; s++) {
                if (!prices.get(s + 1).equals(prices.get(s))) {
                    sgdStep(w, b, z[s], prices.get(s + 1) > prices.get(s) ? 1 : 0);
                }
            }
            double expected = sigmoid(w, b[0], z[t]);
            assertThat(predictions.get(published).probabilityUp())
                    .as("forecast %d", t)
                    .isCloseTo(expected, within(1e-12));
            published++;
        }
        assertThat(published).isEqualTo(predictions.size()).isGreaterThan(350);
    }

    @Test
    void liveScoresEqualScoresRecomputedFromTheForecastsAndWhatHappened() {
        List<MlPrediction> predictions = run(updates);
        int hits = 0;
        int baselineHits = 0;
        int scored = 0;
        int reversalHits = 0;
        int reversalScored = 0;
        double loss = 0;
        double baselineLoss = 0;
        for (int i = 0; i + 1 < predictions.size(); i++) {
            double now = priceAt(predictions.get(i).barEndMicros());
            double next = priceAt(predictions.get(i + 1).barEndMicros());
            if (next == now) {
                continue;
            }
            boolean up = next > now;
            if (i > 0) {
                // context, not a check: "the next move reverses the last one" (bid-ask bounce in trade prices)
                double before = priceAt(predictions.get(i - 1).barEndMicros());
                if (before != now) {
                    reversalHits += up == (now < before) ? 1 : 0;
                    reversalScored++;
                }
            }
            double p = predictions.get(i).probabilityUp();
            double q = predictions.get(i).baselineProbabilityUp();
            hits += (p > 0.5) == up ? 1 : 0;
            baselineHits += (q > 0.5) == up ? 1 : 0;
            loss -= up ? Math.log(p) : Math.log(1 - p);
            baselineLoss -= up ? Math.log(q) : Math.log(1 - q);
            scored++;
        }
        MlPrediction last = predictions.getLast();
        assertThat(last.scored()).isEqualTo(scored);
        assertThat(last.trained()).isEqualTo(scored);
        assertThat(last.accuracy()).isCloseTo((double) hits / scored, within(1e-12));
        assertThat(last.baselineAccuracy()).isCloseTo((double) baselineHits / scored, within(1e-12));
        assertThat(last.logLoss()).isCloseTo(loss / scored, within(1e-9));
        assertThat(last.baselineLogLoss()).isCloseTo(baselineLoss / scored, within(1e-9));
        LOG.info(
                "BTC one-minute direction, {} scored forecasts: model accuracy={} logLoss={}, baseline accuracy={} logLoss={}, "
                        + "last-move-reverses rule accuracy={}",
                scored,
                last.accuracy(),
                last.logLoss(),
                last.baselineAccuracy(),
                last.baselineLogLoss(),
                (double) reversalHits / reversalScored);
        // a learner of up/down on minute bars is near a coin toss; it must at least not be badly calibrated
        assertThat(last.logLoss()).isLessThan(Math.log(2) + 0.02);
    }

    @Test
    void refusesAnotherInstrumentsFeatures() {
        DirectionPredictor predictor = new DirectionPredictor("ETHUSD", CONFIG);
        assertThatThrownBy(() -> predictor.onFeatures(updates.getFirst())).hasMessageContaining("predictor of ETHUSD");
    }

    private static double priceAt(long barEnd) {
        return priceByBarEnd.get(barEnd);
    }

    /** Row s standardised by the mean and sample sd of rows 0..s (two passes each). */
    private static double[][] standardisedAsOfEach(List<double[]> rows) {
        int d = rows.getFirst().length;
        double[][] z = new double[rows.size()][d];
        for (int s = 0; s < rows.size(); s++) {
            for (int j = 0; j < d; j++) {
                double mean = 0;
                for (int i = 0; i <= s; i++) {
                    mean += rows.get(i)[j];
                }
                mean /= s + 1;
                double ss = 0;
                for (int i = 0; i <= s; i++) {
                    ss += (rows.get(i)[j] - mean) * (rows.get(i)[j] - mean);
                }
                double sd = s == 0 ? 0 : Math.sqrt(ss / s);
                z[s][j] = sd > 0 ? (rows.get(s)[j] - mean) / sd : 0;
            }
        }
        return z;
    }

    private static void sgdStep(double[] w, double[] b, double[] z, int y) {
        double error = sigmoid(w, b[0], z) - y;
        for (int j = 0; j < w.length; j++) {
            w[j] -= CONFIG.learningRate() * (error * z[j] + CONFIG.l2() * w[j]);
        }
        b[0] -= CONFIG.learningRate() * error;
    }

    private static double sigmoid(double[] w, double b, double[] z) {
        double s = b;
        for (int j = 0; j < w.length; j++) {
            s += w[j] * z[j];
        }
        return 1 / (1 + Math.exp(-s));
    }
}

package dev.nautilus.engines.vpin;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.TimeBarAggregator;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.stats.EmpiricalCdf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * VPIN of one instrument by bulk volume classification (see the package documentation for the
 * method). Feed it trades ({@link #onTrade}) or ready-made time bars ({@link #onBar}), not both.
 *
 * <p>An estimate is produced for every completed bucket once n buckets exist. Its CDF is the share
 * of past estimates (bounded history, this one included) at or below it; the toxicity alert fires
 * when the CDF reaches the threshold and the history holds at least {@code minHistoryForAlert}
 * values. Not thread-safe.
 */
public final class VpinCalculator {

    private final String instrument;
    private final VpinConfig config;
    private final TimeBarAggregator bars;
    private final BulkVolumeClassifier classifier = new BulkVolumeClassifier();
    private final VolumeBucketer bucketer;
    private final VpinWindow window;
    private final EmpiricalCdf history;

    /** VPIN for {@code instrument} with {@code config}. */
    public VpinCalculator(String instrument, VpinConfig config) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.config = Objects.requireNonNull(config, "config");
        this.bars = new TimeBarAggregator(config.barIntervalMicros());
        this.bucketer = new VolumeBucketer(config.bucketVolume());
        this.window = new VpinWindow(config.windowBuckets());
        this.history = new EmpiricalCdf(config.cdfHistory());
    }

    /** Adds a (valid) trade; returns the estimates of buckets completed by the bar it closed. */
    public List<VpinEstimate> onTrade(Trade trade) {
        requireInstrument(trade.instrument());
        return bars.onTrade(trade).map(this::onBar).orElse(List.of());
    }

    /** Closes the open time bar (end of replay) and returns the estimates it completed. */
    public List<VpinEstimate> flush() {
        return bars.flush(instrument).map(this::onBar).orElse(List.of());
    }

    /** Adds a completed time bar; returns an estimate per bucket it completed (once n exist). */
    public List<VpinEstimate> onBar(Bar bar) {
        requireInstrument(bar.instrument());
        double buyFraction = classifier.buyFraction(bar);
        List<VolumeBucket> done = bucketer.add(bar.endMicros(), bar.volume(), buyFraction);
        if (done.isEmpty()) {
            return List.of();
        }
        List<VpinEstimate> out = new ArrayList<>(done.size());
        for (VolumeBucket b : done) {
            window.add(b);
            if (window.isFull()) {
                double vpin = window.vpin();
                history.add(vpin);
                double cdf = history.cdf(vpin);
                boolean toxic = history.count() >= config.minHistoryForAlert() && cdf >= config.toxicityThreshold();
                out.add(new VpinEstimate(instrument, b.sequence(), b.endMicros(), vpin, cdf, toxic));
            }
        }
        return out;
    }

    /** Everything the next estimates depend on, exact (see {@link #restore}). */
    public State state() {
        TimeBarAggregator.OpenBarState bar = bars.state().get(instrument);
        return new State(bar, classifier.state(), bucketer.state(), window.state(), history.state());
    }

    /**
     * Continues from {@code state}, as {@link #state} gave it for this instrument and configuration.
     *
     * @throws IllegalArgumentException when the state's window or history does not fit the configuration
     */
    public void restore(State state) {
        window.restore(state.window());
        history.restore(state.history());
        bars.restore(state.openBar() == null ? Map.of() : Map.of(instrument, state.openBar()));
        classifier.restore(state.classifier());
        bucketer.restore(state.bucketer());
    }

    /**
     * One instrument's VPIN state: the open time bar (null when none), the classifier's σ, the open
     * bucket, the window of the last n buckets and the history of estimates the CDF ranks against.
     */
    public record State(
            TimeBarAggregator.OpenBarState openBar,
            BulkVolumeClassifier.State classifier,
            VolumeBucketer.State bucketer,
            VpinWindow.State window,
            double[] history) {}

    /** Buckets completed so far. */
    public long completedBuckets() {
        return bucketer.completedBuckets();
    }

    /** Current σ of bar-to-bar price changes used for classification. */
    public double priceChangeStdDev() {
        return classifier.priceChangeStdDev();
    }

    private void requireInstrument(String other) {
        if (!instrument.equals(other)) {
            throw new IllegalArgumentException("instrument " + other + " is not " + instrument);
        }
    }
}

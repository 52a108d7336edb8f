package dev.nautilus.engines.vpin;

import dev.nautilus.engines.features.TickRule;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.TimeBarAggregator;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.stats.EmpiricalCdf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * VPIN with an adaptive bucket size, tick-rule and bulk classification side by side, and toxicity
 * regimes with hysteresis.
 *
 * <p>Both classifications see <em>the same buckets</em>: each time bar carries its BVC buy fraction
 * {@code Φ(ΔP/σ)} and its tick-rule buy fraction (tick-classified buy volume / bar volume, the
 * trade's reported side winning over the tick rule; volume the tick rule cannot classify counts
 * half buy, half sell). Two bucketers receive identical volumes and sizes, so their boundaries
 * coincide exactly. The bucket size comes from {@link AdaptiveBucketSize} and is applied from the
 * next bucket. The regime follows the BVC CDF, and stays NORMAL until {@code minHistoryForRegime}
 * estimates exist. Not thread-safe.
 */
public final class EnhancedVpinCalculator {

    private final String instrument;
    private final EnhancedVpinConfig config;
    private final TimeBarAggregator bars;
    private final TickRule tickRule = new TickRule();
    private final BulkVolumeClassifier bvc = new BulkVolumeClassifier();
    private final AdaptiveBucketSize bucketSize;
    private final VolumeBucketer bvcBuckets;
    private final VolumeBucketer tickBuckets;
    private final VpinWindow bvcWindow;
    private final VpinWindow tickWindow;
    private final EmpiricalCdf bvcHistory;
    private final EmpiricalCdf tickHistory;
    private final ToxicityRegimeClassifier regimes;
    private double openBarTickBuy;

    /** Enhanced VPIN for {@code instrument}. */
    public EnhancedVpinCalculator(String instrument, EnhancedVpinConfig config) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.config = Objects.requireNonNull(config, "config");
        this.bars = new TimeBarAggregator(config.barIntervalMicros());
        this.bucketSize = new AdaptiveBucketSize(
                config.initialBucketVolume(), config.periodMicros(), config.bucketsPerPeriod(), config.ewmaAlpha());
        this.bvcBuckets = new VolumeBucketer(config.initialBucketVolume());
        this.tickBuckets = new VolumeBucketer(config.initialBucketVolume());
        this.bvcWindow = new VpinWindow(config.windowBuckets());
        this.tickWindow = new VpinWindow(config.windowBuckets());
        this.bvcHistory = new EmpiricalCdf(config.cdfHistory());
        this.tickHistory = new EmpiricalCdf(config.cdfHistory());
        this.regimes = new ToxicityRegimeClassifier(config.thresholds());
    }

    /** Adds a valid trade; returns estimates for buckets completed by the bar it closed. */
    public List<EnhancedVpinEstimate> onTrade(Trade trade) {
        if (!instrument.equals(trade.instrument())) {
            throw new IllegalArgumentException("instrument " + trade.instrument() + " is not " + instrument);
        }
        // The aggregator validates the trade before anything here changes state.
        Optional<Bar> closed = bars.onTrade(trade);
        Side tick = tickRule.classify(trade.price());
        Side side = trade.side() != Side.UNKNOWN ? trade.side() : tick;
        double buyShare = switch (side) {
            case BUY -> 1.0;
            case SELL -> 0.0;
            case UNKNOWN -> 0.5;
        };
        // The closed bar's tick volume excludes this trade, which opens the next bar.
        List<EnhancedVpinEstimate> out = closed.map(this::closeBar).orElse(List.of());
        bucketSize.onVolume(trade.timestampMicros(), trade.size());
        openBarTickBuy += buyShare * trade.size();
        return out;
    }

    /** Closes the open time bar (end of replay). */
    public List<EnhancedVpinEstimate> flush() {
        return bars.flush(instrument).map(this::closeBar).orElse(List.of());
    }

    private List<EnhancedVpinEstimate> closeBar(Bar bar) {
        double tickFraction = Math.max(0, Math.min(1, openBarTickBuy / bar.volume()));
        openBarTickBuy = 0;
        double bvcFraction = bvc.buyFraction(bar);
        double size = bucketSize.bucketVolume();
        bvcBuckets.setBucketVolume(size);
        tickBuckets.setBucketVolume(size);
        List<VolumeBucket> a = bvcBuckets.add(bar.endMicros(), bar.volume(), bvcFraction);
        List<VolumeBucket> b = tickBuckets.add(bar.endMicros(), bar.volume(), tickFraction);
        if (a.size() != b.size()) {
            throw new IllegalStateException("bucketers diverged: " + a.size() + " vs " + b.size() + " buckets");
        }
        if (a.isEmpty()) {
            return List.of();
        }
        List<EnhancedVpinEstimate> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            bvcWindow.add(a.get(i));
            tickWindow.add(b.get(i));
            if (!bvcWindow.isFull()) {
                continue;
            }
            double vb = bvcWindow.vpin();
            double vt = tickWindow.vpin();
            bvcHistory.add(vb);
            tickHistory.add(vt);
            double cdfB = bvcHistory.cdf(vb);
            ToxicityRegime before = regimes.regime();
            ToxicityRegime now = bvcHistory.count() >= config.minHistoryForRegime() ? regimes.update(cdfB) : before;
            out.add(new EnhancedVpinEstimate(
                    instrument,
                    a.get(i).sequence(),
                    a.get(i).endMicros(),
                    a.get(i).volume(),
                    vb,
                    vt,
                    cdfB,
                    tickHistory.cdf(vt),
                    now,
                    now != before));
        }
        return out;
    }

    /** Everything the next estimates depend on, exact (see {@link #restore}). */
    public State state() {
        return new State(
                bars.state().get(instrument),
                openBarTickBuy,
                tickRule.state(),
                bvc.state(),
                bucketSize.state(),
                bvcBuckets.state(),
                tickBuckets.state(),
                bvcWindow.state(),
                tickWindow.state(),
                bvcHistory.state(),
                tickHistory.state(),
                regimes.regime());
    }

    /**
     * Continues from {@code state}, as {@link #state} gave it for this instrument and configuration.
     *
     * @throws IllegalArgumentException when the state's windows or histories do not fit the configuration
     */
    public void restore(State state) {
        bvcWindow.restore(state.bvcWindow());
        tickWindow.restore(state.tickWindow());
        bvcHistory.restore(state.bvcHistory());
        tickHistory.restore(state.tickHistory());
        bars.restore(state.openBar() == null ? Map.of() : Map.of(instrument, state.openBar()));
        openBarTickBuy = state.openBarTickBuy();
        tickRule.restore(state.tickRule());
        bvc.restore(state.bvc());
        bucketSize.restore(state.bucketSize());
        bvcBuckets.restore(state.bvcBuckets());
        tickBuckets.restore(state.tickBuckets());
        regimes.restore(state.regime());
    }

    /**
     * One instrument's enhanced VPIN state: the open bar and its tick-rule buy volume, both
     * classifiers, the adaptive size, and per classification the open bucket, window and history,
     * and the regime.
     */
    public record State(
            TimeBarAggregator.OpenBarState openBar,
            double openBarTickBuy,
            TickRule.State tickRule,
            BulkVolumeClassifier.State bvc,
            AdaptiveBucketSize.State bucketSize,
            VolumeBucketer.State bvcBuckets,
            VolumeBucketer.State tickBuckets,
            VpinWindow.State bvcWindow,
            VpinWindow.State tickWindow,
            double[] bvcHistory,
            double[] tickHistory,
            ToxicityRegime regime) {}

    /** Current adaptive bucket size. */
    public double bucketVolume() {
        return bucketSize.bucketVolume();
    }

    /** Current regime. */
    public ToxicityRegime regime() {
        return regimes.regime();
    }

    /** Buckets completed so far. */
    public long completedBuckets() {
        return bvcBuckets.completedBuckets();
    }
}

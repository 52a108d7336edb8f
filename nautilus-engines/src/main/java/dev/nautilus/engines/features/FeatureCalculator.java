package dev.nautilus.engines.features;

import dev.nautilus.engines.marketdata.Trade;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Features for a whole universe: one {@link InstrumentFeatures} per instrument, created on its first
 * trade. This is what the Features engine wraps. Not thread-safe (one engine thread writes).
 */
public final class FeatureCalculator {

    private final FeatureConfig config;
    private final Map<String, InstrumentFeatures> byInstrument = new HashMap<>();

    /** @param config windows used for every instrument */
    public FeatureCalculator(FeatureConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Updates the trade's instrument and returns its features. */
    public FeatureSnapshot onTrade(Trade trade) {
        return byInstrument
                .computeIfAbsent(trade.instrument(), i -> new InstrumentFeatures(i, config))
                .update(trade);
    }

    /** Instruments seen so far. */
    public int instrumentCount() {
        return byInstrument.size();
    }

    /** Every instrument's features, by instrument (sorted, so the text of equal states is equal). */
    public Map<String, InstrumentFeatures.State> state() {
        Map<String, InstrumentFeatures.State> state = new TreeMap<>();
        byInstrument.forEach((instrument, features) -> state.put(instrument, features.state()));
        return state;
    }

    /** Replaces every instrument's features with {@code state}, as {@link #state} gave it. */
    public void restore(Map<String, InstrumentFeatures.State> state) {
        byInstrument.clear();
        state.forEach((instrument, saved) -> {
            InstrumentFeatures features = new InstrumentFeatures(instrument, config);
            features.restore(saved);
            byInstrument.put(instrument, features);
        });
    }
}

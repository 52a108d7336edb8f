package dev.nautilus.engines.ml;

import dev.nautilus.engines.features.FeatureUpdate;
import java.util.List;
import java.util.Optional;

/**
 * The model's inputs, from the Features engine's output at a bar close: scale-free quantities, so one
 * model fits any price level.
 */
public final class FeatureVector {

    /** Names of the inputs, in vector order. */
    public static final List<String> NAMES = List.of(
            "log_return",
            "volatility",
            "price_vs_sma",
            "price_vs_ema",
            "rsi_centred",
            "flow_imbalance",
            "price_vs_rolling_vwap");

    private FeatureVector() {}

    /** The inputs, or empty while a feature is not available yet. */
    public static Optional<double[]> of(FeatureUpdate u) {
        if (u.logReturn() == null
                || u.volatility() == null
                || u.sma() == null
                || u.ema() == null
                || u.rsi() == null
                || u.flowImbalance() == null
                || u.rollingVwap() == null) {
            return Optional.empty();
        }
        double p = u.price();
        return Optional.of(new double[] {
            u.logReturn(),
            u.volatility(),
            p / u.sma() - 1,
            p / u.ema() - 1,
            (u.rsi() - 50) / 50,
            u.flowImbalance(),
            p / u.rollingVwap() - 1
        });
    }
}

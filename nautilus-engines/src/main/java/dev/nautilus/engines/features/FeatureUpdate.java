package dev.nautilus.engines.features;

/**
 * The features of an instrument at the close of a bar, as published by the Features engine
 * ({@code FEATURE_CALCULATION}, topic {@code feature.calculation.<instrument>}). JSON has no NaN, so
 * a value not yet available is {@code null}. Fields as in {@link FeatureSnapshot}.
 */
public record FeatureUpdate(
        String instrument,
        long timestampMicros,
        long barEndMicros,
        double price,
        Double simpleReturn,
        Double logReturn,
        Double volatility,
        Double sma,
        Double ema,
        Double rsi,
        Double vwap,
        Double rollingVwap,
        Double flowImbalance,
        Double signedVolume) {

    /** The snapshot after the bar's last trade, stamped with the bar's end. */
    public static FeatureUpdate of(FeatureSnapshot s, long barEndMicros) {
        return new FeatureUpdate(
                s.instrument(),
                s.timestampMicros(),
                barEndMicros,
                s.price(),
                orNull(s.simpleReturn()),
                orNull(s.logReturn()),
                orNull(s.volatility()),
                orNull(s.sma()),
                orNull(s.ema()),
                orNull(s.rsi()),
                orNull(s.vwap()),
                orNull(s.rollingVwap()),
                orNull(s.flowImbalance()),
                orNull(s.signedVolume()));
    }

    private static Double orNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}

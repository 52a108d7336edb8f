package dev.nautilus.engines.strategy.spi;

/** An input a strategy may declare beyond the bar itself; the engine waits for it before each decision. */
public enum StrategyInput {
    /**
     * The VPIN status of the bar. Always joined (every published signal carries the toxic flag), so
     * declaring it only documents that the strategy reads it.
     */
    VPIN,
    /**
     * The ML engine's forecast made at the bar's close ({@code ml.prediction.<instrument>}): the run
     * then includes the ML engine, and bars before its first forecast (the features' warm-up) come
     * without one.
     */
    ML_PREDICTION
}

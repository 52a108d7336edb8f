package dev.nautilus.engines.strategy.spi;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.vpin.VpinStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What a strategy sees at the close of a bar: the bar and the inputs joined to it by bar end.
 *
 * @param bar        the bar just closed
 * @param vpin       the VPIN status as of this bar
 * @param prediction the ML forecast made at this bar, or {@code null} (not declared, or not forecast yet)
 */
public record BarInputs(Bar bar, VpinStatus vpin, MlPrediction prediction) {

    public BarInputs {
        Objects.requireNonNull(bar, "bar");
        Objects.requireNonNull(vpin, "vpin");
    }

    /** The ML forecast at this bar, when the strategy declared {@link StrategyInput#ML_PREDICTION} and one was made. */
    public Optional<MlPrediction> mlPrediction() {
        return Optional.ofNullable(prediction);
    }
}

package dev.nautilus.engines.strategy;

import dev.nautilus.bus.Json;
import dev.nautilus.engines.ml.MlPrediction;
import dev.nautilus.engines.strategy.spi.BarInputs;
import dev.nautilus.engines.strategy.spi.Decision;
import dev.nautilus.engines.strategy.spi.StrategyInput;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * ML-driven ({@value #NAME}): long {@code quantity} while the ML engine's P(next close up) is above
 * {@code longAbove}; short {@code quantity} (or flat when shorting is not allowed) while it is below
 * {@code shortBelow}; between the two the current target is kept, so a forecast hovering near 0.5
 * does not churn. Flat until the first forecast (the features' warm-up). Deterministic: a function
 * of the forecasts, which the ML engine derives from one ordered stream of features.
 */
public final class MlDirectionStrategy implements TradingStrategy {

    /** Its name. */
    public static final String NAME = "ml_direction";

    private final double longAbove;
    private final double shortBelow;
    private final BigDecimal quantity;
    private final boolean allowShort;
    private final Map<String, BigDecimal> targets = new HashMap<>();

    /**
     * @param longAbove  go long when P(up) is above this, in (0, 1)
     * @param shortBelow go short (or flat) when P(up) is below this, in (0, longAbove]
     * @param quantity   position size, {@code > 0}
     * @param allowShort short below {@code shortBelow}, else flat
     */
    public MlDirectionStrategy(double longAbove, double shortBelow, BigDecimal quantity, boolean allowShort) {
        if (!(0 < shortBelow && shortBelow <= longAbove && longAbove < 1)) {
            throw new IllegalArgumentException(
                    "need 0 < shortBelow <= longAbove < 1, was shortBelow=" + shortBelow + " longAbove=" + longAbove);
        }
        this.longAbove = longAbove;
        this.shortBelow = shortBelow;
        this.quantity = StrategyInputs.requirePositiveQuantity(quantity);
        this.allowShort = allowShort;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<StrategyInput> inputs() {
        return Set.of(StrategyInput.ML_PREDICTION);
    }

    @Override
    public Optional<Decision> onBar(BarInputs inputs) {
        Optional<MlPrediction> forecast = inputs.mlPrediction();
        if (forecast.isEmpty()) {
            return Optional.empty();
        }
        double p = forecast.get().probabilityUp();
        String instrument = inputs.bar().instrument();
        BigDecimal current = targets.getOrDefault(instrument, BigDecimal.ZERO);
        BigDecimal want;
        String why;
        if (p > longAbove) {
            want = quantity;
            why = String.format(Locale.ROOT, "P(up)=%.4f > %s", p, longAbove);
        } else if (p < shortBelow) {
            want = allowShort ? quantity.negate() : BigDecimal.ZERO;
            why = String.format(Locale.ROOT, "P(up)=%.4f < %s", p, shortBelow);
        } else {
            return Optional.empty();
        }
        if (want.compareTo(current) == 0) {
            return Optional.empty();
        }
        targets.put(instrument, want);
        return Optional.of(new Decision(want, why));
    }

    @Override
    public Optional<String> saveInstruments(Predicate<String> instruments) {
        Map<String, String> saved = new TreeMap<>();
        targets.forEach((instrument, target) -> {
            if (instruments.test(instrument)) {
                saved.put(instrument, target.toString());
            }
        });
        return Optional.of(Json.write(new Saved(saved)));
    }

    @Override
    public void replaceInstruments(Predicate<String> instruments, Optional<String> text) {
        targets.keySet().removeIf(instruments);
        text.map(t -> Json.read(t, Saved.class).targets()).orElse(Map.of()).forEach((i, target) -> {
            if (instruments.test(i)) {
                targets.put(i, new BigDecimal(target));
            }
        });
    }

    /** The targets by instrument (decimal text). */
    record Saved(Map<String, String> targets) {}
}

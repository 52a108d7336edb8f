package dev.nautilus.app.engines;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nautilus.engines.strategy.spi.StrategyInput;
import dev.nautilus.engines.strategy.spi.StrategyParameters;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import dev.nautilus.engines.strategy.spi.StrategyRegistry;
import dev.nautilus.engines.strategy.spi.TradingStrategy;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The strategy a pipeline trades: a provider and its complete parameters (defaults filled in). Checked
 * when made — the provider builds one strategy, so a bad value fails here, not inside a running
 * engine — and then able to build any number of fresh strategies (one per run of a sweep). Read back
 * from a report it is data only: {@link #create} needs the provider.
 */
public final class StrategyChoice {

    private final String name;
    private final Map<String, String> parameters;
    private final StrategyProvider provider;
    private final Set<StrategyInput> inputs;

    private StrategyChoice(
            String name, Map<String, String> parameters, StrategyProvider provider, Set<StrategyInput> inputs) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = Map.copyOf(parameters);
        this.provider = provider;
        this.inputs = Set.copyOf(inputs);
    }

    /**
     * The provider with its defaults overridden by {@code given}.
     *
     * @throws IllegalArgumentException for an unknown parameter or a value the provider refuses
     */
    public static StrategyChoice of(StrategyProvider provider, Map<String, String> given) {
        StrategyParameters parameters = StrategyParameters.of(provider, given);
        TradingStrategy probe = provider.create(parameters);
        if (!probe.name().equals(provider.name())) {
            throw new IllegalArgumentException(
                    "strategy provider " + provider.getClass().getName() + " is named '" + provider.name()
                            + "' but creates a strategy named '" + probe.name() + "'");
        }
        return new StrategyChoice(provider.name(), parameters.asMap(), provider, probe.inputs());
    }

    /** A built-in (or class-path) strategy by name, with its defaults overridden by {@code given}. */
    public static StrategyChoice of(String name, Map<String, String> given) {
        return of(StrategyRegistry.classPath().find(name), given);
    }

    /** As read back from a report: data only. */
    @JsonCreator
    static StrategyChoice read(
            @JsonProperty("name") String name, @JsonProperty("parameters") Map<String, String> parameters) {
        return new StrategyChoice(name, parameters, null, Set.of());
    }

    /** The strategy's name, which its signals carry. */
    @JsonProperty
    public String name() {
        return name;
    }

    /** Every parameter, defaults included, sorted by name. */
    @JsonProperty
    public Map<String, String> parameters() {
        return new TreeMap<>(parameters);
    }

    /** One parameter's text, or {@code null} when the strategy has no such parameter. */
    public String parameter(String key) {
        return parameters.get(key);
    }

    /** The same strategy with some parameters changed. */
    public StrategyChoice with(Map<String, String> changed) {
        Map<String, String> merged = new TreeMap<>(parameters);
        merged.putAll(changed);
        return of(requireProvider(), merged);
    }

    /** Whether its strategies read the ML engine's forecasts (the run then needs the ML engine). */
    @JsonIgnore
    public boolean needsMlForecasts() {
        return inputs.contains(StrategyInput.ML_PREDICTION);
    }

    /** A new strategy with fresh state. */
    public TradingStrategy create() {
        return requireProvider().create(StrategyParameters.of(provider, parameters));
    }

    private StrategyProvider requireProvider() {
        if (provider == null) {
            throw new IllegalStateException(
                    "strategy " + name + " was read back from a report; select it by name to run it");
        }
        return provider;
    }

    /** {@code name k=v, ...}, for titles. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        String separator = " ";
        for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
            out.append(separator).append(e.getKey()).append('=').append(e.getValue());
            separator = ", ";
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StrategyChoice c && name.equals(c.name) && parameters.equals(c.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameters);
    }
}

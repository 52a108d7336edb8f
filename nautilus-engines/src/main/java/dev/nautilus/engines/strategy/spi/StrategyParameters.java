package dev.nautilus.engines.strategy.spi;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A strategy's parameters as text, with typed readers whose errors name the parameter. */
public final class StrategyParameters {
    // sorted, so that reports list them in one order whatever map the provider returned

    private final Map<String, String> values;

    private StrategyParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The provider's defaults overridden by {@code given}.
     *
     * @throws IllegalArgumentException for a key the provider does not take, naming the known ones
     */
    public static StrategyParameters of(StrategyProvider provider, Map<String, String> given) {
        Map<String, String> values = new TreeMap<>(provider.parameters());
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(values.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("strategy " + provider.name() + ": unknown parameter(s) " + unknown
                    + "; known: " + String.join(", ", new TreeSet<>(values.keySet())));
        }
        given.forEach((k, v) -> values.put(k, Objects.requireNonNull(v, k).trim()));
        return new StrategyParameters(values);
    }

    /** Every parameter, sorted by name. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The text of a parameter. */
    public String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + key + "'; known: " + new TreeSet<>(values.keySet()));
        }
        return value;
    }

    /** An integer parameter. */
    public int integer(String key) {
        try {
            return Integer.parseInt(text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, was '" + text(key) + "'", e);
        }
    }

    /** A finite real parameter. */
    public double number(String key) {
        try {
            double v = Double.parseDouble(text(key));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a finite number, was '" + text(key) + "'", e);
        }
    }

    /** An exact decimal parameter (quantities). */
    public BigDecimal decimal(String key) {
        try {
            return new BigDecimal(text(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a decimal number, was '" + text(key) + "'", e);
        }
    }

    /** A true/false (or yes/no) parameter. */
    public boolean bool(String key) {
        return switch (text(key).toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + text(key) + "'");
        };
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

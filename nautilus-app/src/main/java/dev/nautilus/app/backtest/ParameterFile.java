package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.PipelineSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strategy parameters from a file of {@code key=value} lines: {@code fast}, {@code slow},
 * {@code quantity}, {@code short} (true/false). Keys not given keep the base value; an unknown key
 * is an error (a typo must not silently leave a default in place).
 */
public final class ParameterFile {

    private static final Set<String> KEYS = Set.of("fast", "slow", "quantity", "short");

    private ParameterFile() {}

    /**
     * The base settings overridden by the file.
     *
     * @throws IllegalArgumentException naming the file and the bad key or value
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static PipelineSettings read(Path file, PipelineSettings base) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read parameters from " + file + ": " + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": unknown parameter(s) " + unknown + "; known: fast, quantity, short, slow");
        }
        try {
            int fast = p.containsKey("fast")
                    ? Integer.parseInt(p.getProperty("fast").trim())
                    : base.fastPeriod();
            int slow = p.containsKey("slow")
                    ? Integer.parseInt(p.getProperty("slow").trim())
                    : base.slowPeriod();
            BigDecimal quantity = p.containsKey("quantity")
                    ? new BigDecimal(p.getProperty("quantity").trim())
                    : base.quantity();
            boolean allowShort =
                    p.containsKey("short") ? bool(p.getProperty("short").trim()) : base.allowShort();
            return new PipelineSettings(fast, slow, quantity, allowShort, base.analytics());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": not a number: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("short must be true or false, was '" + value + "'");
        };
    }
}

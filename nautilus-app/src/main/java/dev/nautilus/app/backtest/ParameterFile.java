package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.PipelineSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Strategy parameters from a file of {@code key=value} lines: those of the selected strategy (for the
 * MA crosses {@code fast}, {@code slow}, {@code quantity}, {@code short}). Keys not given keep the
 * base value; an unknown key is an error (a typo must not silently leave a default in place).
 */
public final class ParameterFile {

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
        Map<String, String> given = new TreeMap<>();
        p.stringPropertyNames().forEach(key -> given.put(key, p.getProperty(key).trim()));
        try {
            return base.withParameters(given);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}

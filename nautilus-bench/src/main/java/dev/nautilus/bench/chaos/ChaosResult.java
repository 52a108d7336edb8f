package dev.nautilus.bench.chaos;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nautilus.bench.BenchReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one chaos scenario measured: the figures every scenario has, then its own ({@code figures},
 * in insertion order), and whether it passed its promise.
 *
 * @param scenario        the scenario's name
 * @param shortForm       whether the short (test) form ran
 * @param published       messages (or rows) the scenario sent
 * @param handledUnique   distinct ids whose effect was observed
 * @param lost            ids sent (and accepted) whose effect never came
 * @param duplicateEffects effects applied more than once, summed over ids (count minus one per id)
 * @param recoveryMs      from the end of the fault to the system being whole again, in ms
 * @param passed          whether the scenario's promise held
 * @param figures         the scenario's own figures
 */
public record ChaosResult(
        String scenario,
        boolean shortForm,
        long published,
        long handledUnique,
        long lost,
        long duplicateEffects,
        long recoveryMs,
        boolean passed,
        Map<String, Object> figures) {

    public ChaosResult {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /**
     * A result whose common figures come from {@code tally}; it passed if the tally is whole (nothing
     * lost, nothing applied twice, nothing invented) and {@code scenarioHeld}.
     */
    static ChaosResult of(
            ChaosScenario scenario,
            ChaosOptions options,
            EffectLedger.Tally tally,
            long recoveryMs,
            boolean scenarioHeld,
            Map<String, Object> figures) {
        Map<String, Object> all = new LinkedHashMap<>(figures);
        all.put("redelivered", tally.redelivered());
        all.put("unexpected", tally.unexpected());
        return new ChaosResult(
                scenario.name(),
                options.shortForm(),
                tally.sent(),
                tally.handledUnique(),
                tally.lost(),
                tally.duplicateEffects(),
                recoveryMs,
                tally.whole() && scenarioHeld,
                all);
    }

    /** One line: name, verdict and the common figures. */
    public String summary() {
        return String.format(
                "chaos %s%s: %s published=%d handled_unique=%d lost=%d duplicate_effects=%d recovery_ms=%d %s",
                scenario,
                shortForm ? " (short)" : "",
                passed ? "PASSED" : "FAILED",
                published,
                handledUnique,
                lost,
                duplicateEffects,
                recoveryMs,
                figures);
    }

    /** Writes {@code <directory>/<scenario>.json}; returns the file. */
    public Path write(Path directory) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", scenario);
        document.put("short_form", shortForm);
        document.put("date", Instant.now().toString());
        document.put("published", published);
        document.put("handled_unique", handledUnique);
        document.put("lost", lost);
        document.put("duplicate_effects", duplicateEffects);
        document.put("recovery_ms", recoveryMs);
        document.put("passed", passed);
        document.putAll(figures);
        document.put("machine", BenchReport.machine());
        Files.createDirectories(directory);
        Path file = directory.resolve(scenario + ".json");
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), document);
        return file;
    }
}

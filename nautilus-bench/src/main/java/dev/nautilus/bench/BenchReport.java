package dev.nautilus.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one benchmark run: printed as a table (ratios first) and written as JSON under
 * {@code build/bench/}, with the machine they were measured on.
 */
public final class BenchReport {

    private final String scenario;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public BenchReport(String scenario) {
        this.scenario = scenario;
    }

    /** Records a figure (insertion order is print order). */
    public BenchReport put(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    /** Records a figure that is written to the JSON only (e.g. the rows a scenario printed as its own table). */
    public BenchReport detail(String name, Object value) {
        details.put(name, value);
        return this;
    }

    /** Prints the table and writes {@code build/bench/<scenario>.json}; returns the file. */
    public Path publish(PrintStream out, Path directory) throws IOException {
        out.println();
        out.println("== " + scenario + " ==");
        figures.forEach((name, value) -> out.printf("%-52s %s%n", name, format(value)));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", scenario);
        document.put("date", Instant.now().toString());
        document.put("machine", machine());
        Map<String, Object> written = new LinkedHashMap<>(figures);
        written.putAll(details);
        document.put("figures", written);
        Files.createDirectories(directory);
        Path file = directory.resolve(scenario + ".json");
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), document);
        out.println("written: " + file);
        return file;
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format("%,.0f", d) : String.format("%.3f", d);
        }
        return String.valueOf(value);
    }

    /** Cores, memory, JDK, OS and Redis version: the machine behind the figures. */
    public static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        machine.put("memory_gib", Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        machine.put("jdk", Runtime.version().toString() + " (" + System.getProperty("java.vendor") + ")");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("redis", redisVersion());
        return machine;
    }

    private static String redisVersion() {
        try {
            Process process = new ProcessBuilder("redis-server", "--version")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            int v = text.indexOf("v=");
            return v >= 0 ? text.substring(v + 2, text.indexOf(' ', v)) : text;
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}

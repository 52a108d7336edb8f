package dev.nautilus.bench.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code redis-benchmark} against a Redis and reads its CSV summary: the baseline of every Redis figure. */
public final class RedisBenchmarkTool {

    /** One redis-benchmark result line. */
    public record Result(String test, double requestsPerSecond, double p50Millis, double p99Millis) {}

    private static final Pattern NUMBERS = Pattern.compile(
            "\"([0-9.]+)\",\"([0-9.]+)\",\"([0-9.]+)\",\"([0-9.]+)\",\"([0-9.]+)\",\"([0-9.]+)\",\"([0-9.]+)\"\\s*$");

    private RedisBenchmarkTool() {}

    /**
     * {@code redis-benchmark -p PORT -n REQUESTS -c CLIENTS -P PIPELINE --csv XADD <stream> * payload <bytes>}.
     */
    public static Result xadd(int port, int requests, int clients, int pipeline, int payloadBytes)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "redis-benchmark",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-n",
                Integer.toString(requests),
                "-c",
                Integer.toString(clients),
                "-P",
                Integer.toString(pipeline),
                "--csv",
                "XADD",
                "redis-benchmark:stream",
                "*",
                "payload",
                "x".repeat(payloadBytes)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("redis-benchmark failed: " + output);
        }
        String last = output.lines()
                .filter(l -> l.startsWith("\"XADD"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("no XADD line in redis-benchmark output: " + output));
        Matcher m = NUMBERS.matcher(last);
        if (!m.find()) {
            throw new IOException("cannot parse redis-benchmark line: " + last);
        }
        return new Result(
                "XADD -c " + clients + " -P " + pipeline,
                Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(6)));
    }
}

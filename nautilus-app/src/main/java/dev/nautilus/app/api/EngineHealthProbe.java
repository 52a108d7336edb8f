package dev.nautilus.app.api;

import dev.nautilus.bus.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Aggregates engine health by asking each engine's own {@code GET /health} over HTTP, all at once
 * on virtual threads: the same whether the engines run in this JVM or as separate processes.
 */
final class EngineHealthProbe implements AutoCloseable {

    private final List<EngineTarget> targets;
    private final String host;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    EngineHealthProbe(List<EngineTarget> targets, String host, String token, Duration timeout) {
        this.targets = List.copyOf(targets);
        this.host = host;
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    List<EngineTarget> targets() {
        return targets;
    }

    /** Every target's health, in target order. */
    List<EngineHealth> probeAll() throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<EngineHealth>> answers =
                    targets.stream().map(t -> executor.submit(() -> probe(t))).toList();
            List<EngineHealth> result = new java.util.ArrayList<>(answers.size());
            for (Future<EngineHealth> answer : answers) {
                try {
                    result.add(answer.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("health probe failed: " + e.getCause(), e.getCause());
                }
            }
            return result;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    EngineHealth probe(EngineTarget target) throws InterruptedException {
        URI uri = URI.create("http://" + host + ":" + target.port() + "/health");
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(timeout)
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            String status = switch (response.statusCode()) {
                case 200 -> "UP";
                case 503 -> "DOWN";
                default -> "UNREACHABLE";
            };
            String error = status.equals("UNREACHABLE") ? "HTTP " + response.statusCode() + " from " + uri : null;
            return new EngineHealth(
                    target.name(),
                    target.displayName(),
                    target.port(),
                    status,
                    latencyMs,
                    error == null ? Json.parse(response.body()) : null,
                    error);
        } catch (IOException | RuntimeException e) {
            return new EngineHealth(
                    target.name(),
                    target.displayName(),
                    target.port(),
                    "UNREACHABLE",
                    null,
                    null,
                    e.getClass().getSimpleName() + " from " + uri
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}

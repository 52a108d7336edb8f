package dev.nautilus.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nautilus.testkit.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seed-style Python client ({@code seed_style_peer.py}, shipped beside this class): one
 * process publishing as the seeds' {@code DualMessageBusClient} does, one redis-py group reader.
 * Both time themselves on the wall clock they share and report their own process's CPU; the row
 * is from the publisher's first {@code XADD} to the reader's last {@code XACK}. Without redis-py
 * the row says so and holds no figure.
 */
public record PythonSeedPeer(int messages) implements Peer {

    public static final String NAME = "python seed-style (redis-py)";

    /** Debian's interpreter, where {@code apt-get install python3-redis} puts redis-py. */
    public static final String PYTHON = "/usr/bin/python3";

    private static final String STREAM = "python:market_data";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PeerRow measure(RedisServer redis, PeerPayload payload) throws Exception {
        Path script = Files.createTempFile("seed_style_peer", ".py");
        try (InputStream source = PythonSeedPeer.class.getResourceAsStream("seed_style_peer.py")) {
            if (source == null) {
                throw new IllegalStateException("seed_style_peer.py is missing beside " + PythonSeedPeer.class);
            }
            Files.write(script, source.readAllBytes());
            if (!Files.isExecutable(Path.of(PYTHON))) {
                return PeerRow.unavailable(name(), PYTHON + " is not installed");
            }
            String port = Integer.toString(redis.port());
            Process reader = start(script, "read", port, STREAM, Integer.toString(messages), "peers");
            try (BufferedReader readerOut = output(reader)) {
                JsonNode first = parse(readerOut.readLine(), "ready", reader);
                if (first.has("unavailable")) {
                    return PeerRow.unavailable(name(), first.get("unavailable").asText());
                }
                expectRole(first, "ready");
                CostMeter meter = CostMeter.start(redis);
                Process publisher = start(
                        script, "publish", port, STREAM, Integer.toString(messages), Integer.toString(payload.bytes()));
                JsonNode published = result(publisher, output(publisher).readLine(), "publish");
                JsonNode read = result(reader, readerOut.readLine(), "read");
                double seconds =
                        read.get("end").asDouble() - published.get("start").asDouble();
                double cpu = published.get("cpu").asDouble() + read.get("cpu").asDouble();
                return meter.externalRow(
                        name(),
                        read.get("messages").asLong(),
                        seconds,
                        cpu,
                        "CPU of the two python processes (publisher + reader), from time.process_time()");
            } finally {
                reader.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Process start(Path script, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static BufferedReader output(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static JsonNode result(Process process, String line, String role) throws Exception {
        JsonNode node = expectRole(parse(line, role, process), role);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("the Python " + role + "er did not exit cleanly");
        }
        return node;
    }

    private static JsonNode parse(String line, String role, Process process) throws IOException {
        if (line == null) {
            throw new IllegalStateException("the Python peer (" + role + ") ended without a result: exit "
                    + (process.isAlive() ? "none yet" : process.exitValue()));
        }
        return JSON.readTree(line);
    }

    private static JsonNode expectRole(JsonNode node, String role) {
        if (!role.equals(node.path("role").asText())) {
            throw new IllegalStateException("the Python peer answered " + node + " where " + role + " was expected");
        }
        return node;
    }
}

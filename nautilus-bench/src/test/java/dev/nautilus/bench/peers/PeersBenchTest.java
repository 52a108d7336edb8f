package dev.nautilus.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nautilus bench peers} in its shortest form against real Redis servers: every field of
 * {@code peers.json} is there, and each ratio is Nautilus's measured msg/s over the peer row's.
 */
class PeersBenchTest {

    @Test
    void writesEveryRatioFromMeasuredRows(@TempDir Path directory) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        // the fewest messages that still give every row a measured figure: the JVM's process CPU
        // time moves in 10 ms ticks here, so 1,000 messages at 10 us each could read as 0; no latency warm-up
        PeersBench.Plan shortest =
                new PeersBench.Plan(1, 5_000, 100, 100, 10_000, 500, Duration.ZERO, Duration.ofSeconds(1));
        Path file = PeersBench.run(shortest, out).publish(out, directory);
        System.out.print(printed.toString(StandardCharsets.UTF_8)); // the table, in the test's report

        JsonNode figures = JsonMapper.builder().build().readTree(file.toFile()).get("figures");
        Map<String, JsonNode> rows = new HashMap<>();
        figures.get("rows").forEach(row -> rows.put(row.get("name").asText(), row));
        assertThat(rows)
                .containsKeys(
                        NautilusPeer.NAME,
                        SpringDataRedisPeer.NAME,
                        PythonSeedPeer.NAME,
                        MinimalClientPeer.NAME,
                        MinimalClientPeer.SAME_ENTRY);
        double nautilus = rate(rows.get(NautilusPeer.NAME));
        assertThat(nautilus).isPositive();
        assertRatio(figures, "ratio_to_spring", nautilus, rows.get(SpringDataRedisPeer.NAME));
        assertRatio(figures, "ratio_to_minimal", nautilus, rows.get(MinimalClientPeer.NAME));
        assertRatio(figures, "ratio_to_minimal_same_entry", nautilus, rows.get(MinimalClientPeer.SAME_ENTRY));
        JsonNode python = rows.get(PythonSeedPeer.NAME);
        if (python.get("measured").asBoolean()) {
            assertRatio(figures, "ratio_to_python", nautilus, python);
        } else {
            // without redis-py the row says why and no ratio is made up
            assertThat(figures.get("ratio_to_python").isNull()).isTrue();
            assertThat(figures.get("python_note").asText()).isNotBlank();
        }
        assertThat(rows).containsKey(NautilusPeer.PACKED);
        assertThat(figures.get("packed_ratio_to_redis_benchmark").asDouble())
                .isCloseTo(
                        rate(rows.get(NautilusPeer.PACKED))
                                / figures.get("redis_benchmark_xadd_p64_requests_per_second")
                                        .asDouble(),
                        within(1e-9));
        assertThat(figures.get("redis_benchmark_xadd_p64_requests_per_second").asDouble())
                .isPositive();
        assertThat(figures.get("ratio_to_redis_benchmark").asDouble())
                .isCloseTo(
                        nautilus
                                / figures.get("redis_benchmark_xadd_p64_requests_per_second")
                                        .asDouble(),
                        within(1e-9));
        assertThat(figures.get("latency_p50_ratio_to_minimal").asDouble()).isPositive();
        assertThat(figures.get("latency_p99_ratio_to_minimal").asDouble()).isPositive();
        assertThat(figures.get("latency_measured_messages").asLong()).isPositive();
        assertThat(figures.get("nautilus_client_cpu_us_per_message").asDouble()).isPositive();
        assertThat(figures.get("nautilus_client_bytes_per_message").asDouble()).isPositive();
        assertThat(figures.get("cpu_ratio_spring_to_nautilus").asDouble()).isPositive();
        assertThat(figures.get("cpu_ratio_minimal_to_nautilus").asDouble()).isPositive();
        assertThat(figures.get("aims").size()).isEqualTo(6);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("msg/s", "nautilus / it");
    }

    private static double rate(JsonNode row) {
        assertThat(row.get("measured").asBoolean()).as(row.toString()).isTrue();
        double rate = row.get("messages_per_second").asDouble();
        assertThat(rate)
                .isCloseTo(row.get("messages").asDouble() / row.get("seconds").asDouble(), within(1e-6));
        assertThat(row.get("redis_cpu_us_per_message").asDouble()).isPositive();
        assertThat(row.get("client_cpu_us_per_message").asDouble()).isPositive();
        return rate;
    }

    private static void assertRatio(JsonNode figures, String field, double nautilus, JsonNode peer) {
        assertThat(figures.get(field).asDouble()).as(field).isPositive().isCloseTo(nautilus / rate(peer), within(1e-9));
    }
}

package dev.nautilus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.repository.TimeRange;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 during ingest: a child JVM ingests and reports what has committed; we kill it without
 * warning mid-stream and check the durability bound: every acknowledged row is in the database, no
 * row that was never sent is, and (one writer, FIFO queue) what survived is exactly a prefix.
 */
final class KillDuringIngestTest {

    private static final long ROWS_SENT_AT_MOST = 20_000_000;
    private static final long KILL_AFTER_ACKNOWLEDGED = 60_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres", "duckdb"})
    void atMostTheUnacknowledgedRowsAreLost(String kind) throws Exception {
        String schema = TestDatabase.newSchema();
        Path dir = Files.createTempDirectory("nautilus-kill-test");
        String target = kind.equals("postgres") ? schema : dir.toString();
        try {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "--enable-native-access=ALL-UNNAMED",
                            IngestChild.class.getName(),
                            kind,
                            target,
                            Long.toString(ROWS_SENT_AT_MOST))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            AtomicLong lastAck = new AtomicLong(-1);
            Thread reader = Thread.ofPlatform().name("child-stdout").start(() -> readAcks(child, lastAck));
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> lastAck.get() >= KILL_AFTER_ACKNOWLEDGED || !child.isAlive());
                assertThat(child.isAlive())
                        .as("child still ingesting when killed")
                        .isTrue();
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close(), no drain
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            reader.join(10_000);
            long acknowledged = lastAck.get();

            try (Store store =
                    Stores.open(kind.equals("postgres") ? TestDatabase.postgres(schema) : TestDatabase.duckdb(dir))) {
                long stored = store.trades().count(IngestChild.SYMBOL);
                System.out.printf(
                        "%s: acknowledged %d before kill -9, %d rows in the database%n", kind, acknowledged, stored);
                assertThat(stored)
                        .isGreaterThanOrEqualTo(acknowledged)
                        .isLessThanOrEqualTo(ROWS_SENT_AT_MOST)
                        .isLessThan(ROWS_SENT_AT_MOST);
                List<TradeRow> last = store.trades().trades(IngestChild.SYMBOL, TimeRange.all(), stored - 1, 1);
                assertThat(last).containsExactly(IngestChild.trade(stored - 1));
            }
        } finally {
            TestDatabase.dropSchema(schema);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void readAcks(Process child, AtomicLong lastAck) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck.set(Long.parseLong(line.substring(4).trim()));
                }
            }
        } catch (Exception e) {
            // The stream ends abruptly when the child is killed; what was read is what counts.
        }
    }
}

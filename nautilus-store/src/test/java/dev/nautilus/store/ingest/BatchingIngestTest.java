package dev.nautilus.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.model.TradeRow;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue mechanics of {@link BatchingIngest} with an in-memory {@link BatchWriter} (no database
 * involved here; the database write paths are tested against real databases elsewhere).
 */
final class BatchingIngestTest {

    /** Records batches; can be held closed to simulate a slow database, or made to fail. */
    private static final class RecordingWriter implements BatchWriter {
        final List<List<StoredRecord>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch gate;
        volatile boolean fail;
        volatile boolean closed;

        RecordingWriter(boolean open) {
            gate = new CountDownLatch(open ? 0 : 1);
        }

        @Override
        public void write(List<StoredRecord> batch) throws SQLException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new SQLException("database down");
            }
            batches.add(List.copyOf(batch));
        }

        @Override
        public void close() {
            closed = true;
        }

        long rows() {
            return batches.stream().mapToLong(List::size).sum();
        }
    }

    private static TradeRow trade(long i) {
        return new TradeRow(Instant.EPOCH.plusSeconds(i), "X", i, 1, 1, SideCode.BUY);
    }

    @Test
    void backPressureRefusesWithAClearExceptionAfterTheTimeout() {
        RecordingWriter writer = new RecordingWriter(false);
        BatchingIngest ingest = new BatchingIngest("bp", writer, 10, 5, Duration.ofMillis(100));
        // The writer takes the first row and blocks on it; 5 more fill the queue.
        ingest.submit(trade(0));
        org.awaitility.Awaitility.await().until(() -> ingest.counters().queued() == 0);
        for (int i = 1; i <= 5; i++) {
            ingest.submit(trade(i));
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> ingest.submit(trade(99)))
                .isInstanceOf(IngestBackPressureException.class)
                .hasMessageContaining("stayed full for PT0.1S (capacity 5)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(ingest.counters().rejected()).isEqualTo(1);
        writer.gate.countDown();
        ingest.close();
        assertThat(writer.rows()).isEqualTo(ingest.counters().submitted()).isEqualTo(ingest.acknowledged());
    }

    @Test
    void closeWritesEverythingQueuedThenClosesTheWriter() {
        RecordingWriter writer = new RecordingWriter(false);
        BatchingIngest ingest = new BatchingIngest("drain", writer, 100, 10_000, Duration.ofSeconds(5));
        for (int i = 0; i < 5_000; i++) {
            ingest.submit(trade(i));
        }
        writer.gate.countDown();
        ingest.close();
        assertThat(writer.rows()).isEqualTo(5_000);
        assertThat(writer.batches).allSatisfy(b -> assertThat(b.size()).isLessThanOrEqualTo(100));
        assertThat(writer.batches.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 5_000)
                        .mapToObj(BatchingIngestTest::trade)
                        .toList());
        assertThat(writer.closed).isTrue();
        assertThat(ingest.counters().batches()).isEqualTo(writer.batches.size());
        assertThatThrownBy(() -> ingest.submit(trade(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aBatchThatCannotCommitIsCountedAndReportedNotHidden() throws Exception {
        RecordingWriter writer = new RecordingWriter(true);
        writer.fail = true;
        try (BatchingIngest ingest = new BatchingIngest("fail", writer, 100, 100, Duration.ofSeconds(1))) {
            ingest.submit(trade(1));
            assertThatThrownBy(() -> ingest.flush().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("database down");
            assertThat(ingest.counters().rejected()).isEqualTo(1);
            assertThat(ingest.counters().failedBatches()).isEqualTo(1);
            assertThat(ingest.acknowledged()).isZero();
            writer.fail = false;
            ingest.submit(trade(2));
            assertThat(ingest.flush().get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void rowsSubmittedConcurrentlyWithCloseAreEitherWrittenOrRefusedNeverLost() throws Exception {
        RecordingWriter writer = new RecordingWriter(true);
        BatchingIngest ingest = new BatchingIngest("race", writer, 50, 1_000, Duration.ofSeconds(5));
        java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
        List<Thread> producers = new java.util.ArrayList<>();
        for (int p = 0; p < 4; p++) {
            producers.add(Thread.ofPlatform().start(() -> {
                for (long i = 0; i < 100_000; i++) {
                    try {
                        ingest.submit(trade(i));
                        accepted.incrementAndGet();
                    } catch (IllegalStateException closed) {
                        return;
                    }
                }
            }));
        }
        org.awaitility.Awaitility.await().until(() -> accepted.get() > 10_000);
        ingest.close();
        for (Thread producer : producers) {
            producer.join();
        }
        assertThat(writer.rows())
                .isEqualTo(accepted.get())
                .isEqualTo(ingest.counters().submitted())
                .isEqualTo(ingest.acknowledged());
    }

    @Test
    void refusesNullRows() {
        try (BatchingIngest ingest = new BatchingIngest("null", new RecordingWriter(true), 1, 1, Duration.ZERO)) {
            assertThatThrownBy(() -> ingest.submit(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("record");
        }
    }
}

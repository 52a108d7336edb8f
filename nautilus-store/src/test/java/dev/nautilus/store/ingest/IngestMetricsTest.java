package dev.nautilus.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.model.TradeRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class IngestMetricsTest {

    @Test
    void countersAreVisibleAsMeters() throws Exception {
        BatchWriter discard = new BatchWriter() {
            @Override
            public void write(List<StoredRecord> batch) {}

            @Override
            public void close() {}
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BatchingIngest ingest = new BatchingIngest("m", discard, 10, 100, Duration.ofSeconds(1))) {
            IngestMetrics.bind(ingest, "test", registry);
            for (int i = 0; i < 25; i++) {
                ingest.submit(new TradeRow(Instant.EPOCH, "X", i, 1, 1, SideCode.BUY));
            }
            ingest.flush().get();
            assertThat(registry.get("nautilus.store.rows.written")
                            .tag("store", "test")
                            .functionCounter()
                            .count())
                    .isEqualTo(25.0);
            assertThat(registry.get("nautilus.store.rows.submitted")
                            .functionCounter()
                            .count())
                    .isEqualTo(25.0);
            assertThat(registry.get("nautilus.store.batches.written")
                            .functionCounter()
                            .count())
                    .isGreaterThan(0);
            assertThat(registry.get("nautilus.store.queue.depth").gauge().value())
                    .isZero();
        }
    }
}

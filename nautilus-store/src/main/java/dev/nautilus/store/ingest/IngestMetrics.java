package dev.nautilus.store.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * Publishes an {@link Ingest}'s counters as Micrometer meters, tagged {@code store=<name>}:
 * {@code nautilus.store.rows.submitted}, {@code nautilus.store.rows.written} (acknowledged),
 * {@code nautilus.store.rows.rejected}, {@code nautilus.store.batches.written},
 * {@code nautilus.store.batches.failed}, {@code nautilus.store.rows.duplicates} (skipped as already stored),
 * {@code nautilus.store.write.failures} (failed attempts) (counters), {@code nautilus.store.queue.depth}
 * and {@code nautilus.store.failing} (1 while the store cannot be written) (gauges).
 * The meters read the counters when scraped; nothing is added to the write path.
 */
public final class IngestMetrics {

    private IngestMetrics() {}

    /** Registers the meters; the registry holds the ingest weakly, as Micrometer does for gauges. */
    public static void bind(Ingest ingest, String storeName, MeterRegistry registry) {
        Tags tags = Tags.of("store", storeName);
        counter(
                registry,
                "nautilus.store.rows.submitted",
                "rows accepted into the ingest queue",
                tags,
                ingest,
                i -> i.counters().submitted());
        counter(
                registry,
                "nautilus.store.rows.written",
                "rows committed (acknowledged)",
                tags,
                ingest,
                i -> i.counters().acknowledged());
        counter(
                registry,
                "nautilus.store.rows.rejected",
                "rows refused or lost with a failed batch",
                tags,
                ingest,
                i -> i.counters().rejected());
        counter(
                registry,
                "nautilus.store.batches.written",
                "batches committed",
                tags,
                ingest,
                i -> i.counters().batches());
        counter(
                registry,
                "nautilus.store.batches.failed",
                "batches that failed after retries",
                tags,
                ingest,
                i -> i.counters().failedBatches());
        counter(
                registry,
                "nautilus.store.rows.duplicates",
                "rows skipped: their key was already stored",
                tags,
                ingest,
                i -> i.counters().duplicates());
        counter(
                registry,
                "nautilus.store.write.failures",
                "write attempts that failed (retried)",
                tags,
                ingest,
                i -> i.counters().failedAttempts());
        Gauge.builder("nautilus.store.failing", ingest, i -> i.counters().failing() ? 1 : 0)
                .description("1 while the store cannot be written")
                .tags(tags)
                .register(registry);
        Gauge.builder("nautilus.store.queue.depth", ingest, i -> i.counters().queued())
                .description("rows waiting in the ingest queue")
                .tags(tags)
                .baseUnit("rows")
                .register(registry);
    }

    private static void counter(
            MeterRegistry registry,
            String name,
            String description,
            Tags tags,
            Ingest ingest,
            ToDoubleFunction<Ingest> value) {
        FunctionCounter.builder(name, ingest, value)
                .description(description)
                .tags(tags)
                .register(registry);
    }
}

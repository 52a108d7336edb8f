package dev.nautilus.store.model;

import java.time.Instant;

/**
 * One health sample of one engine.
 *
 * @param ts                 sample time
 * @param engine             engine name
 * @param status             {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param messagesPerSecond  handled message rate, &gt;= 0
 * @param p99LatencyMicros   99th percentile handling latency in microseconds, &gt;= 0
 * @param heapUsedBytes      JVM heap in use, &gt;= 0
 */
public record EngineHealthSample(
        Instant ts, String engine, String status, double messagesPerSecond, double p99LatencyMicros, long heapUsedBytes)
        implements StoredRecord {

    public EngineHealthSample {
        ts = Require.time(ts, "ts");
        Require.text(engine, "engine");
        Require.text(status, "status");
        Require.nonNegative(messagesPerSecond, "messagesPerSecond");
        Require.nonNegative(p99LatencyMicros, "p99LatencyMicros");
        Require.nonNegative(heapUsedBytes, "heapUsedBytes");
    }
}

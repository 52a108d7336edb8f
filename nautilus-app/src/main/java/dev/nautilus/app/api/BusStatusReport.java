package dev.nautilus.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.monitor.SnapshotJson;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bus status the API serves: this process's transport counters always, and when the buses are
 * Redis, the bus monitor's reading of each Redis ({@code INFO}, {@code XINFO GROUPS},
 * {@code CLIENT LIST}): CPU, clients by engine, failed calls, lag. In-memory buses have no server
 * to read, so the report says so instead of inventing CPU figures.
 *
 * <p>A monitor reading costs a few round trips per Redis; readings are reused for
 * {@link #MAX_AGE} so a dashboard polling every second does not multiply them.
 */
final class BusStatusReport implements AutoCloseable {

    static final Duration MAX_AGE = Duration.ofMillis(900);

    private final MessageBus bus;
    private final BusMonitor monitor; // null for in-memory buses
    private JsonNode lastReading;
    private long lastReadingAtNanos;

    /** @param targets the Redis servers to read; empty for in-memory buses */
    BusStatusReport(MessageBus bus, List<MonitorTarget> targets) {
        this.bus = bus;
        this.monitor = targets.isEmpty() ? null : new BusMonitor(targets);
    }

    Map<String, Object> report() {
        Map<String, Object> body = new LinkedHashMap<>();
        List<TransportStatus> transports = bus.status();
        body.put("transports", transports);
        if (monitor == null) {
            body.put("monitor", "in-memory");
            body.put("redis", List.of());
            body.put(
                    "note",
                    "the buses run in memory inside this process: no Redis to read, so no CPU, client or "
                            + "failed-call figures; the transport counters are this process's own");
        } else {
            body.put("monitor", "redis");
            body.put("redis", reading().get("redis"));
        }
        return body;
    }

    private synchronized JsonNode reading() {
        long now = System.nanoTime();
        if (lastReading == null || now - lastReadingAtNanos > MAX_AGE.toNanos()) {
            lastReading = SnapshotJson.toTree(monitor.snapshot());
            lastReadingAtNanos = now;
        }
        return lastReading;
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
    }
}

package dev.nautilus.bus.redis.monitor;

import dev.nautilus.bus.redis.partition.PartitionStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the bus monitor's figures as Micrometer meters, every one tagged {@code bus}
 * ({@code marketdata}, {@code engine_logic} or {@code main}):
 * <ul>
 *   <li>{@code nautilus.bus.redis.up} — 1 when the Redis answered the last sample, 0 when not;</li>
 *   <li>{@code nautilus.bus.redis.cpu} (base unit ratio: {@code nautilus_bus_redis_cpu_ratio}) — CPU time
 *       as a fraction of one core, 0..1 per core busy (see {@link CpuUsage}, which tells percent);</li>
 *   <li>{@code nautilus.bus.redis.clients} — connections, tag {@code engine};</li>
 *   <li>{@code nautilus.bus.redis.memory.used} (base unit bytes: {@code nautilus_bus_redis_memory_used_bytes});</li>
 *   <li>{@code nautilus.bus.redis.command.calls}, {@code nautilus.bus.redis.command.failed} —
 *       function counters, tag {@code command};</li>
 *   <li>{@code nautilus.bus.stream.length} — tag {@code stream};</li>
 *   <li>{@code nautilus.bus.group.lag}, {@code nautilus.bus.group.pending} — tags {@code stream}, {@code group};</li>
 *   <li>{@code nautilus.bus.group.trimmed_entries} — entries trimmed before the group read them
 *       ({@link StreamCounters#trimmedBeforeDelivery}), tags {@code stream}, {@code group};</li>
 *   <li>{@code nautilus.bus.dead_letters} — entries in the dead-letter streams;</li>
 *   <li>{@code nautilus.bus.partition.epoch}, {@code .rebalances}, {@code .lag}, {@code .owned} — per
 *       partition of a partitioned type (SPEC §1.9), tags {@code group}, {@code partition}.</li>
 * </ul>
 * Every meter carries HELP text and, where it has one, its base unit, so Prometheus names end in the unit.
 * Meters read the latest snapshot, which a thread of this object refreshes on a fixed delay;
 * scraping never touches Redis. A figure that is unknown (Redis down, lag not reported) reads NaN.
 * Meters of streams, groups, engines and commands that disappear from a reachable Redis are removed.
 *
 * <p>Does not own the {@link BusMonitor}: closing this stops the refreshing and removes the meters;
 * the caller closes the monitor.
 */
public final class BusMonitorMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BusMonitorMetrics.class);

    /** A meter this object registered: its name and tags, and whether it is a counter. */
    private record MeterKey(String name, Tags tags, boolean counter) {}

    /** What a meter of one name says about itself: HELP text and base unit ({@code null} for none). */
    private record Help(String description, String baseUnit) {}

    private static final Map<String, Help> HELP = Map.ofEntries(
            Map.entry(
                    "nautilus.bus.redis.up", new Help("1 when the bus's Redis answered the last sample, else 0", null)),
            Map.entry("nautilus.bus.redis.cpu", new Help("Redis CPU time as a fraction of one core", "ratio")),
            Map.entry("nautilus.bus.redis.clients", new Help("Redis connections, by engine (connection name)", null)),
            Map.entry("nautilus.bus.redis.memory.used", new Help("Memory Redis uses (INFO used_memory)", "bytes")),
            Map.entry("nautilus.bus.redis.command.calls", new Help("Redis command calls (INFO commandstats)", null)),
            Map.entry(
                    "nautilus.bus.redis.command.failed",
                    new Help("Redis command calls that failed (INFO commandstats failed_calls)", null)),
            Map.entry("nautilus.bus.stream.length", new Help("Entries in the stream (XLEN)", null)),
            Map.entry(
                    "nautilus.bus.group.pending",
                    new Help("Entries delivered to the group but not acknowledged", null)),
            Map.entry("nautilus.bus.group.lag", new Help("Entries the group has not read yet (NaN: unknown)", null)),
            Map.entry("nautilus.bus.partition.epoch", new Help("Lease epoch of the partition: takeovers so far", null)),
            Map.entry(
                    "nautilus.bus.partition.rebalances",
                    new Help("Times the partition changed hands between instances of its group", null)),
            Map.entry(
                    "nautilus.bus.partition.lag",
                    new Help("Entries of the partition's streams its group has not read yet (NaN: unknown)", null)),
            Map.entry(
                    "nautilus.bus.partition.owned",
                    new Help("1 while an instance holds a live lease on the partition, else 0", null)),
            Map.entry(
                    "nautilus.bus.group.trimmed_entries",
                    new Help("Entries trimmed from the stream before the group read them", null)),
            Map.entry("nautilus.bus.dead_letters", new Help("Entries in the bus's dead-letter streams", null)));

    private final BusMonitor monitor;
    private final MeterRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();
    private volatile Map<MeterKey, Double> values = Map.of();
    private volatile MonitorSnapshot latest;

    /**
     * Starts refreshing at once and then every {@code interval}.
     *
     * @param monitor  the monitor to sample (not closed by this object)
     * @param registry where the meters go
     * @param interval delay between the end of one sample and the start of the next
     */
    public BusMonitorMetrics(BusMonitor monitor, MeterRegistry registry, Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("monitor metrics interval must be positive, was " + interval);
        }
        this.monitor = monitor;
        this.registry = registry;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bus-monitor-metrics");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The snapshot the meters show, empty before the first sample completes. */
    public Optional<MonitorSnapshot> latest() {
        return Optional.ofNullable(latest);
    }

    private void refreshQuietly() {
        try {
            refresh(monitor.snapshot());
        } catch (IllegalStateException e) {
            LOG.debug("bus monitor closed; metrics no longer refresh", e);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep refreshing.
            LOG.warn("refreshing the bus monitor metrics failed", e);
        }
    }

    private synchronized void refresh(MonitorSnapshot snapshot) {
        Map<MeterKey, Double> next = new HashMap<>();
        Set<String> reachableBuses = new HashSet<>();
        for (RedisSnapshot redis : snapshot.redis()) {
            String bus = redis.target().busKey();
            Tags busTag = Tags.of("bus", bus);
            next.put(new MeterKey("nautilus.bus.redis.up", busTag, false), redis.reachable() ? 1.0 : 0.0);
            if (!redis.reachable()) {
                continue;
            }
            reachableBuses.add(bus);
            // Prometheus's unit for a fraction is the ratio, not the percent
            redis.cpu()
                    .percent()
                    .ifPresent(p -> next.put(new MeterKey("nautilus.bus.redis.cpu", busTag, false), p / 100.0));
            redis.memory()
                    .usedMemory()
                    .ifPresent(
                            m -> next.put(new MeterKey("nautilus.bus.redis.memory.used", busTag, false), (double) m));
            redis.clientsByEngine()
                    .forEach((engine, count) -> next.put(
                            new MeterKey("nautilus.bus.redis.clients", busTag.and("engine", engine), false),
                            count.doubleValue()));
            for (CommandStats command : redis.commands()) {
                Tags tags = busTag.and("command", command.command());
                next.put(new MeterKey("nautilus.bus.redis.command.calls", tags, true), (double) command.calls());
                command.failedCalls()
                        .ifPresent(f ->
                                next.put(new MeterKey("nautilus.bus.redis.command.failed", tags, true), (double) f));
            }
            for (StreamInfo stream : redis.streams()) {
                Tags streamTags = busTag.and("stream", stream.key());
                next.put(new MeterKey("nautilus.bus.stream.length", streamTags, false), (double) stream.length());
                for (GroupInfo group : stream.groups()) {
                    Tags groupTags = streamTags.and("group", group.name());
                    next.put(new MeterKey("nautilus.bus.group.pending", groupTags, false), (double) group.pending());
                    // Lag Redis cannot tell is still a meter: NaN says "unknown", not "caught up".
                    next.put(
                            new MeterKey("nautilus.bus.group.lag", groupTags, false),
                            group.lag().isPresent() ? (double) group.lag().getAsLong() : Double.NaN);
                    next.put(
                            new MeterKey("nautilus.bus.group.trimmed_entries", groupTags, false),
                            group.trimmed().isPresent()
                                    ? (double) group.trimmed().getAsLong()
                                    : Double.NaN);
                }
            }
            next.put(new MeterKey("nautilus.bus.dead_letters", busTag, false), (double) redis.deadLetters());
            for (PartitionStatus partition : redis.partitions()) {
                Tags tags = Tags.of(
                        "bus",
                        partition.bus(),
                        "group",
                        partition.group(),
                        "partition",
                        Integer.toString(partition.partition()));
                next.put(new MeterKey("nautilus.bus.partition.epoch", tags, false), (double) partition.epoch());
                next.put(
                        new MeterKey("nautilus.bus.partition.rebalances", tags, true), (double) partition.rebalances());
                next.put(
                        new MeterKey("nautilus.bus.partition.lag", tags, false),
                        partition.lag() < 0 ? Double.NaN : (double) partition.lag());
                next.put(
                        new MeterKey("nautilus.bus.partition.owned", tags, false),
                        partition.owner().isEmpty() ? 0.0 : 1.0);
            }
        }
        values = Map.copyOf(next);
        latest = snapshot;
        next.keySet().forEach(this::register);
        // Gone from a Redis that answered: the stream, group, command or engine no longer exists there.
        for (Iterator<Map.Entry<MeterKey, Meter>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<MeterKey, Meter> entry = it.next();
            if (!next.containsKey(entry.getKey())
                    && reachableBuses.contains(entry.getKey().tags().stream()
                            .filter(t -> t.getKey().equals("bus"))
                            .findFirst()
                            .map(t -> t.getValue())
                            .orElse(""))) {
                registry.remove(entry.getValue());
                it.remove();
            }
        }
    }

    private void register(MeterKey key) {
        Help help = HELP.get(key.name());
        meters.computeIfAbsent(
                key,
                k -> k.counter()
                        ? FunctionCounter.builder(k.name(), this, self -> self.value(k))
                                .description(help.description())
                                .baseUnit(help.baseUnit())
                                .tags(k.tags())
                                .register(registry)
                        : Gauge.builder(k.name(), this, self -> self.value(k))
                                .description(help.description())
                                .baseUnit(help.baseUnit())
                                .tags(k.tags())
                                .strongReference(true)
                                .register(registry));
    }

    private double value(MeterKey key) {
        return values.getOrDefault(key, Double.NaN);
    }

    /** Stops refreshing and removes the meters. Idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("bus monitor metrics refresher did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            List.copyOf(meters.values()).forEach(registry::remove);
            meters.clear();
        }
    }
}

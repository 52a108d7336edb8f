package dev.nautilus.app.http;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.BusMonitorMetrics;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Exposes each bus's {@link TransportStatus} counters as meters: {@code nautilus.bus.published},
 * {@code .delivered}, {@code .acked}, {@code .handler_failures}, {@code .dead_lettered},
 * {@code .rejected} (counters), {@code nautilus.bus.queued} and {@code nautilus.bus.connected}
 * (gauges), each tagged {@code bus} and {@code transport}, each with HELP text. Values are read from the
 * bus at scrape time. They count this process's traffic, so they go in the process's registry, served
 * once per process (see {@code Platform}), never in an engine's.
 * On Redis buses, {@link #bindRedis} adds the bus monitor's meters, among them each group's
 * {@code nautilus.bus.group.trimmed_entries} (entries trimmed before the group read them) and
 * {@code nautilus.bus.group.lag}.
 */
public final class BusMetrics {

    private BusMetrics() {}

    /** Registers the meters of every bus of {@code bus}. */
    public static void bind(MessageBus bus, MeterRegistry registry) {
        for (TransportStatus initial : bus.status()) {
            var which = initial.bus();
            counter(
                    registry,
                    bus,
                    initial,
                    "published",
                    "Messages accepted for publishing",
                    b -> status(b, which).published());
            counter(
                    registry,
                    bus,
                    initial,
                    "delivered",
                    "Messages handed to handlers, redeliveries included",
                    b -> status(b, which).delivered());
            counter(
                    registry,
                    bus,
                    initial,
                    "acked",
                    "Messages whose handler returned normally",
                    b -> status(b, which).acked());
            counter(
                    registry,
                    bus,
                    initial,
                    "handler_failures",
                    "Handler calls that threw",
                    b -> status(b, which).handlerFailures());
            counter(
                    registry,
                    bus,
                    initial,
                    "dead_lettered",
                    "Messages moved to the dead letters",
                    b -> status(b, which).deadLettered());
            counter(
                    registry,
                    bus,
                    initial,
                    "rejected",
                    "Publishes refused (back-pressure, buffer overflow)",
                    b -> status(b, which).rejected());
            Gauge.builder("nautilus.bus.queued", bus, b -> status(b, which).queued())
                    .description("Messages waiting for a consumer or in a publish buffer")
                    .tag("bus", which.name().toLowerCase())
                    .tag("transport", initial.transport())
                    .register(registry);
            Gauge.builder("nautilus.bus.connected", bus, b -> status(b, which).connected() ? 1 : 0)
                    .description("1 when the transport reaches its bus, else 0")
                    .tag("bus", which.name().toLowerCase())
                    .tag("transport", initial.transport())
                    .register(registry);
        }
    }

    /**
     * Samples the buses' Redis servers every {@code interval} into the bus monitor's meters
     * ({@link BusMonitorMetrics}); nothing for in-memory buses (no targets).
     *
     * @return what stops the sampling and removes the meters
     */
    public static AutoCloseable bindRedis(List<MonitorTarget> targets, MeterRegistry registry, Duration interval) {
        if (targets.isEmpty()) {
            return () -> {};
        }
        BusMonitor monitor = new BusMonitor(targets);
        BusMonitorMetrics metrics = new BusMonitorMetrics(monitor, registry, interval);
        return () -> {
            metrics.close();
            monitor.close();
        };
    }

    private static void counter(
            MeterRegistry registry,
            MessageBus bus,
            TransportStatus initial,
            String thing,
            String help,
            ToDoubleFunction<MessageBus> value) {
        FunctionCounter.builder("nautilus.bus." + thing, bus, value)
                .description(help)
                .tag("bus", initial.bus().name().toLowerCase())
                .tag("transport", initial.transport())
                .register(registry);
    }

    private static TransportStatus status(MessageBus bus, Bus which) {
        return bus.status().stream()
                .filter(s -> s.bus() == which)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("bus " + which + " has no status"));
    }
}

package dev.nautilus.app.http;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.TransportStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Exposes each bus's {@link TransportStatus} counters as meters: {@code nautilus.bus.published},
 * {@code .delivered}, {@code .acked}, {@code .handler_failures}, {@code .dead_lettered},
 * {@code .rejected} (counters), {@code nautilus.bus.queued} and {@code nautilus.bus.connected}
 * (gauges), each tagged {@code bus} and {@code transport}. Values are read from the bus at scrape time.
 */
public final class BusMetrics {

    private BusMetrics() {}

    /** Registers the meters of every bus of {@code bus}. */
    public static void bind(MessageBus bus, MeterRegistry registry) {
        for (TransportStatus initial : bus.status()) {
            var which = initial.bus();
            counter(registry, bus, initial, "published", b -> status(b, which).published());
            counter(registry, bus, initial, "delivered", b -> status(b, which).delivered());
            counter(registry, bus, initial, "acked", b -> status(b, which).acked());
            counter(
                    registry,
                    bus,
                    initial,
                    "handler_failures",
                    b -> status(b, which).handlerFailures());
            counter(
                    registry,
                    bus,
                    initial,
                    "dead_lettered",
                    b -> status(b, which).deadLettered());
            counter(registry, bus, initial, "rejected", b -> status(b, which).rejected());
            Gauge.builder("nautilus.bus.queued", bus, b -> status(b, which).queued())
                    .tag("bus", which.name().toLowerCase())
                    .tag("transport", initial.transport())
                    .register(registry);
            Gauge.builder("nautilus.bus.connected", bus, b -> status(b, which).connected() ? 1 : 0)
                    .tag("bus", which.name().toLowerCase())
                    .tag("transport", initial.transport())
                    .register(registry);
        }
    }

    private static void counter(
            MeterRegistry registry,
            MessageBus bus,
            TransportStatus initial,
            String thing,
            ToDoubleFunction<MessageBus> value) {
        FunctionCounter.builder("nautilus.bus." + thing, bus, value)
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

package dev.nautilus.app.http;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.TransportStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The bus's counters as Micrometer meters, tagged {@code bus}: {@code nautilus.bus.published},
 * {@code .delivered}, {@code .acked}, {@code .handler.failures}, {@code .dead_lettered},
 * {@code .rejected} (counters), {@code nautilus.bus.queued} and {@code nautilus.bus.connected} (gauges).
 * They read the transports' own counters when scraped; nothing is counted twice.
 */
public final class BusMeters {

    private BusMeters() {
    }

    public static void bind(MessageBus bus, MeterRegistry registry) {
        for (Bus which : Bus.values()) {
            counter(registry, bus, which, "nautilus.bus.published", TransportStatus::published);
            counter(registry, bus, which, "nautilus.bus.delivered", TransportStatus::delivered);
            counter(registry, bus, which, "nautilus.bus.acked", TransportStatus::acked);
            counter(registry, bus, which, "nautilus.bus.handler.failures", TransportStatus::handlerFailures);
            counter(registry, bus, which, "nautilus.bus.dead_lettered", TransportStatus::deadLettered);
            counter(registry, bus, which, "nautilus.bus.rejected", TransportStatus::rejected);
            Gauge.builder("nautilus.bus.queued", bus, b -> status(b, which).queued()).tag("bus", which.key()).register(registry);
            Gauge.builder("nautilus.bus.connected", bus, b -> status(b, which).connected() ? 1 : 0).tag("bus", which.key())
                    .register(registry);
        }
    }

    private static void counter(MeterRegistry registry, MessageBus bus, Bus which, String name,
            ToDoubleFunction<TransportStatus> value) {
        FunctionCounter.builder(name, bus, b -> value.applyAsDouble(status(b, which))).tag("bus", which.key())
                .baseUnit("messages").register(registry);
    }

    private static TransportStatus status(MessageBus bus, Bus which) {
        return bus.status().stream().filter(s -> s.bus() == which).findFirst().orElseThrow();
    }
}

package dev.nautilus.app.api;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * What the API answers from; {@code processMeters}, when present, are this process's own meters (buses,
 * bus monitor, JVM), served on {@code /metrics}.
 */
record ApiSources(
        MessageBus bus,
        LiveView view,
        EngineHealthProbe engines,
        BusStatusReport busStatus,
        DeadLetterDesk deadLetters,
        Optional<Store> store,
        Optional<PrometheusMeterRegistry> processMeters) {}

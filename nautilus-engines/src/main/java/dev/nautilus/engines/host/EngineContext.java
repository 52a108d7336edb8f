package dev.nautilus.engines.host;

import dev.nautilus.bus.BusEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * What the host gives an engine at start: its bus endpoint (publishing in the engine's name) and
 * the registry for its own meters (named {@code nautilus.<area>.<thing>}, tagged {@code engine}).
 *
 * @param endpoint the engine instance's view of the bus
 * @param meters   where to register meters
 */
public record EngineContext(BusEndpoint endpoint, MeterRegistry meters) {

    /** How long engines wait for a bus that pushes back before failing. */
    public static final Duration PUBLISH_PATIENCE = Duration.ofSeconds(60);

    /** A publisher for this engine that waits while the bus pushes back (see {@link PatientPublisher}). */
    public PatientPublisher publisher() {
        return new PatientPublisher(endpoint, meters, PUBLISH_PATIENCE);
    }
}

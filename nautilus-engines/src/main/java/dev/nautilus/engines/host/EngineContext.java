package dev.nautilus.engines.host;

import dev.nautilus.bus.BusEndpoint;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the host gives an engine at start: its bus endpoint (publishing in the engine's name) and
 * the registry for its own meters (named {@code nautilus.<area>.<thing>}, tagged {@code engine}).
 *
 * @param endpoint the engine instance's view of the bus
 * @param meters   where to register meters
 */
public record EngineContext(BusEndpoint endpoint, MeterRegistry meters) {
}

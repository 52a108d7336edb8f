package dev.nautilus.engines.host;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.MessageBus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs engines on a bus: one endpoint per engine (consumer group = engine name, consumer =
 * {@code <name>-<instance>}), subscribed from its {@link EngineWiring}, then started. One host runs
 * one engine (its own process) or all of them (one JVM); the engines cannot tell the difference.
 */
public final class EngineHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineHost.class);

    private record Running(Engine engine, BusEndpoint endpoint, EngineStats stats) {
    }

    private final MessageBus bus;
    private final String instance;
    private final List<Running> running = new ArrayList<>();

    /**
     * @param instance the instance suffix of consumer names, e.g. {@code 1}
     */
    public EngineHost(MessageBus bus, String instance) {
        this.bus = bus;
        this.instance = instance;
    }

    /**
     * Starts an engine, then subscribes it (so its handler always finds it started); on failure
     * it is stopped again and the error names it.
     */
    public synchronized void start(Engine engine) {
        BusEndpoint endpoint = bus.endpoint(engine.name(), engine.name() + "-" + instance);
        EngineStats stats = new EngineStats();
        try {
            engine.onStart(endpoint);
            EngineWiring wiring = engine.wiring();
            if (!wiring.subscribes().isEmpty()) {
                endpoint.subscribe(wiring.subscribes(), wiring.reads(), message -> {
                    stats.received(message);
                    engine.onMessage(message);
                });
            }
        } catch (Exception e) {
            endpoint.close();
            throw new IllegalStateException("engine " + engine.name() + " failed to start: " + e.getMessage(), e);
        }
        running.add(new Running(engine, endpoint, stats));
        LOG.info("engine {} started (subscribes {})", engine.name(), engine.wiring().subscribes());
    }

    /** The engines running, in start order. */
    public synchronized List<Engine> engines() {
        return Collections.unmodifiableList(running.stream().map(Running::engine).toList());
    }

    /** What the host saw of a running engine, or {@code null} for an engine it does not run. */
    public synchronized EngineStats stats(String engineName) {
        return running.stream().filter(r -> r.engine().name().equals(engineName)).map(Running::stats).findFirst().orElse(null);
    }

    /** Stops engines in reverse start order, then closes their endpoints. */
    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            Running r = running.get(i);
            try {
                r.engine().onStop();
            } catch (RuntimeException e) {
                LOG.warn("engine {} failed to stop cleanly: {}", r.engine().name(), e.toString());
            }
            r.endpoint().close();
        }
        running.clear();
    }
}

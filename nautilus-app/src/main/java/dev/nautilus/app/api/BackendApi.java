package dev.nautilus.app.api;

import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Backend API as one component: its live view of the buses (a consumer group of its own), the
 * engine health probe, the bus status report, the dead-letter desk and the HTTP server. Closing it
 * stops all of them.
 */
public final class BackendApi implements AutoCloseable {

    /** The seed's Backend API port, before the configured offset. */
    public static final int DEFAULT_PORT = 8001;

    /** How long one engine's {@code /health} may take before it counts as unreachable. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

    private final LiveView view;
    private final BusStatusReport busStatus;
    private final EngineHealthProbe engines;
    private final ApiServer server;

    private BackendApi(LiveView view, BusStatusReport busStatus, EngineHealthProbe engines, ApiServer server) {
        this.view = view;
        this.busStatus = busStatus;
        this.engines = engines;
        this.server = server;
    }

    /**
     * Starts the API.
     *
     * @param bus      the platform's dual bus
     * @param store    the store, absent in a process without one
     * @param engines  the engines whose health to aggregate
     * @param redis    the Redis servers the bus monitor reads; empty for in-memory buses
     * @param instance consumer name suffix of the API's view, e.g. {@code 1}
     * @param security where to bind, whom to let in; the probe asks the engines with the read token
     * @param port     HTTP port, 0 for an ephemeral one
     * @param processMeters the process-wide meters to serve on {@code /metrics} (served once per process),
     *                 or empty where another port serves them
     */
    public static BackendApi start(
            MessageBus bus,
            Optional<Store> store,
            List<EngineTarget> engines,
            List<MonitorTarget> redis,
            String instance,
            HttpSecurity security,
            int port,
            Optional<PrometheusMeterRegistry> processMeters) {
        LiveView view = LiveView.start(bus, instance);
        BusStatusReport busStatus = new BusStatusReport(bus, redis);
        EngineHealthProbe probe = new EngineHealthProbe(
                engines, security.probeHost(), security.tokens().read(), HEALTH_TIMEOUT);
        try {
            ApiSources sources =
                    new ApiSources(bus, view, probe, busStatus, new DeadLetterDesk(bus), store, processMeters);
            return new BackendApi(view, busStatus, probe, ApiServer.start(sources, security, port));
        } catch (RuntimeException e) {
            view.close();
            busStatus.close();
            probe.close();
            throw e;
        }
    }

    /** The port the API serves on. */
    public int port() {
        return server.port();
    }

    /** The API's live view of the buses. */
    public LiveView view() {
        return view;
    }

    @Override
    public void close() {
        server.close();
        view.close();
        busStatus.close();
        engines.close();
    }
}

package dev.nautilus.app;

import dev.nautilus.app.api.BackendApi;
import dev.nautilus.app.api.EngineTarget;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.dashboard.DashboardServer;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.http.BusMetrics;
import dev.nautilus.app.http.EngineHttpServer;
import dev.nautilus.app.monitor.MonitorTargets;
import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineRuntime;
import dev.nautilus.engines.host.EngineStateStore;
import dev.nautilus.engines.host.SeenIds;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.store.Store;
import dev.nautilus.store.Stores;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The composition root: builds the buses, the store and its recorder (in the whole platform, see
 * {@link PlatformMode}), the engines with their HTTP endpoints, the faces and the replays from the
 * configuration, and owns them. Nothing else in the code base wires objects together.
 */
public final class Platform implements AutoCloseable {

    /** How often the whole platform samples the buses' Redis for its meters. */
    private static final java.time.Duration REDIS_METERS_INTERVAL = java.time.Duration.ofSeconds(5);

    /** The symbol of the recorded BTC/USD trades whose history {@code up} reports. */
    public static final String RECORDED_SYMBOL = "BTCUSD";

    /** Port-override keys of the faces, next to the engine names in {@code --port}. */
    public static final String API = "api";

    public static final String DASHBOARD = "dashboard";

    private final NautilusConfig config;
    private final MessageBus bus;
    /** This process's own meters (buses, bus monitor, store, JVM, process), served once per process. */
    private final PrometheusMeterRegistry meters;
    /** Each engine's meters, served on its port only, so summing over every engine's port counts each once. */
    private final Map<String, PrometheusMeterRegistry> engineMeters = new LinkedHashMap<>();

    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final PlatformMode mode;
    private final ReplayThreads replays = new ReplayThreads();
    private final List<EngineHttpServer> servers = new ArrayList<>();
    private EngineHost host;
    private Faces faces;
    private boolean closed;
    /** The Redis figures in this process's meters (group lag, trimmed before delivery): whole platform or API. */
    private AutoCloseable redisMeters;

    private Platform(NautilusConfig config, MessageBus bus, PrometheusMeterRegistry meters, PlatformMode mode) {
        this.config = config;
        this.bus = bus;
        this.meters = meters;
        this.mode = mode;
        BusMetrics.bind(bus, meters);
        bindJvmAndProcess(meters);
        // One sampler per platform: engine processes would multiply the monitor's reads of Redis.
        // The whole platform samples from the start; in separate processes, the API's does (startFaces).
        this.redisMeters = mode instanceof PlatformMode.WholePlatform ? bindRedisMeters() : () -> {};
    }

    private void bindJvmAndProcess(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private AutoCloseable bindRedisMeters() {
        return BusMetrics.bindRedis(
                MonitorTargets.resolve(
                        config.bus(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                meters,
                REDIS_METERS_INTERVAL);
    }

    /**
     * Starts the platform described by the configuration.
     *
     * @throws IllegalStateException when a configured Redis cannot be reached
     */
    public static Platform start(NautilusConfig config) {
        MessageBus bus = Connections.openBus(config.bus(), "platform");
        Store store;
        try {
            store = Stores.open(Connections.storeConfig(config));
        } catch (RuntimeException e) {
            bus.close();
            throw new IllegalStateException("cannot open the store: " + e.getMessage(), e);
        }
        try {
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            return new Platform(
                    config,
                    bus,
                    meters,
                    PlatformMode.WholePlatform.record(
                            store, bus, meters, config.bus().onRedis()));
        } catch (RuntimeException e) {
            bus.close();
            store.close();
            throw e;
        }
    }

    /**
     * Starts a platform for one engine process: the buses, named {@code identity} in Redis
     * connection names (so {@code CLIENT LIST} tells who holds what), no recorder (recording is
     * the whole platform's job), and with PostgreSQL configured its own pool, named
     * {@code nautilus:<identity>} in {@code pg_stat_activity}, where its engine keeps its state
     * (the embedded store is a single-process file: without PostgreSQL, no store).
     *
     * @throws IllegalStateException when a configured Redis or PostgreSQL cannot be reached
     */
    public static Platform start(NautilusConfig config, String identity) {
        Optional<Store> store;
        try {
            store = Connections.processStoreConfig(config, identity).map(Stores::open);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the store: " + e.getMessage(), e);
        }
        PlatformMode mode = new PlatformMode.EngineProcess(identity, store);
        try {
            return new Platform(
                    config,
                    Connections.openBus(config.bus(), mode.identity()),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    mode);
        } catch (RuntimeException e) {
            store.ifPresent(Store::close);
            throw e;
        }
    }

    /** Trades of {@link #RECORDED_SYMBOL} the store held when this platform started: earlier runs' history. */
    public long history() {
        return mode instanceof PlatformMode.WholePlatform whole ? whole.history() : 0;
    }

    /** Rows this run handed to the store (0 in an engine process). */
    public long recorded() {
        return mode instanceof PlatformMode.WholePlatform whole
                ? whole.recorder().recorded()
                : 0;
    }

    /** The store: the whole platform's, or an engine process's own PostgreSQL pool when one is configured. */
    public Optional<Store> store() {
        return switch (mode) {
            case PlatformMode.WholePlatform whole -> Optional.of(whole.store());
            case PlatformMode.EngineProcess process -> process.store();
        };
    }

    /** How this platform's HTTP and WebSocket servers are exposed, with its tokens. */
    public HttpSecurity http() {
        return config.http();
    }

    /** The dual bus. */
    public MessageBus bus() {
        return bus;
    }

    /**
     * Starts the named engines in one host and each engine's HTTP endpoints.
     *
     * @param names         engine names (see {@link EngineCatalog#PLATFORM})
     * @param portOverrides port per engine name replacing its default (0 = ephemeral); the
     *                      configured offset applies to defaults and overrides alike
     * @param instance      instance suffix of this process's consumers, e.g. {@code 1}
     * @throws IllegalArgumentException naming an unknown engine
     * @throws IllegalStateException    when engines were already started
     */
    public synchronized List<EngineHttpServer> startEngines(
            List<String> names, Map<String, Integer> portOverrides, String instance) {
        if (host != null) {
            throw new IllegalStateException("engines already started");
        }
        List<Engine> engines =
                EngineCatalog.create(names, config.websocket()); // a bad name fails before anything starts
        for (Engine engine : engines) {
            engineMeters.put(engine.name(), engineRegistry());
        }
        host = new EngineHost(
                bus,
                engine -> engineMeters.get(engine.name()),
                instance,
                engines,
                SeenIds.DEFAULT_CAPACITY,
                engineState());
        // ports first: a port in use must fail the start before the engine joins its consumer group and takes messages
        for (EngineRuntime runtime : host.runtimes()) {
            String name = runtime.engine().name();
            int port = config.port(
                    portOverrides.getOrDefault(name, runtime.engine().wiring().defaultPort()));
            servers.add(EngineHttpServer.start(runtime, bus, engineMeters.get(name), config.http(), port));
        }
        host.start();
        return List.copyOf(servers);
    }

    /**
     * Where stateful engines keep their snapshots: an engine process's own store, on Redis buses
     * only, whose consumer groups outlive the process as the snapshots do. In memory a restart starts
     * the buses afresh, so a restored state would count inputs twice; and the whole platform replays
     * from the first trade at every start, so it keeps none either.
     */
    private Optional<EngineStateStore> engineState() {
        return mode instanceof PlatformMode.EngineProcess process
                        && config.bus().onRedis()
                ? process.store()
                        .map(s -> new StoredEngineState(
                                s.engineState(), config.store().stateSession().orElse("")))
                : Optional.empty();
    }

    /**
     * Where the next engine's meters go: a registry of its own; in an engine process (one engine per
     * JVM), the first engine's is the process's, so its port serves the process's meters as well.
     */
    private PrometheusMeterRegistry engineRegistry() {
        return mode instanceof PlatformMode.EngineProcess && engineMeters.isEmpty()
                ? meters
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Whether an engine's port already serves this process's meters (see {@link #engineRegistry}). */
    private boolean processMetersOnAnEngine() {
        return engineMeters.containsValue(meters);
    }

    /**
     * Starts the Backend API and the dashboard. The API's view subscribes to the buses here, so
     * start the faces before the replay to show it from its first trade.
     *
     * @param portOverrides ports replacing the defaults under the keys {@link #API} and {@link #DASHBOARD},
     *                      0 = ephemeral; the configured offset applies. The page connects its
     *                      WebSocket to this process's WebSocket engine, or when it runs elsewhere,
     *                      to the port {@code websocket} names (default 8600). With no engine in this
     *                      process, the API asks each engine's {@code /health} on the port its name
     *                      maps to here, else on its default port
     * @throws IllegalStateException when the faces were already started
     */
    public synchronized void startFaces(Map<String, Integer> portOverrides) {
        if (faces != null) {
            throw new IllegalStateException("faces already started");
        }
        List<EngineTarget> engines = servers.isEmpty()
                ? EngineCatalog.PLATFORM.stream()
                        .map(EngineMatrix::of)
                        .map(w -> new EngineTarget(
                                w.name(),
                                w.displayName(),
                                config.port(portOverrides.getOrDefault(w.name(), w.defaultPort()))))
                        .toList()
                : servers.stream()
                        .map(s -> new EngineTarget(
                                s.runtime().engine().name(),
                                s.runtime().engine().wiring().displayName(),
                                s.port()))
                        .toList();
        var redis = MonitorTargets.resolve(
                config.bus(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        BackendApi api = BackendApi.start(
                bus,
                store(),
                engines,
                redis,
                "1",
                config.http(),
                config.port(portOverrides.getOrDefault(API, BackendApi.DEFAULT_PORT)),
                processMetersOnAnEngine() ? Optional.empty() : Optional.of(meters));
        int webSocketPort = servers.stream()
                .filter(s -> s.runtime().engine().name().equals(EngineMatrix.WEBSOCKET))
                .mapToInt(EngineHttpServer::port)
                .findFirst()
                .orElse(config.port(portOverrides.getOrDefault(
                        EngineMatrix.WEBSOCKET,
                        EngineMatrix.of(EngineMatrix.WEBSOCKET).defaultPort())));
        if (!(mode instanceof PlatformMode.WholePlatform) && servers.isEmpty()) {
            redisMeters = bindRedisMeters(); // the API's process: one per deployment, as the sampler should be
        }
        faces = Faces.start(
                api,
                config.http(),
                config.port(portOverrides.getOrDefault(DASHBOARD, DashboardServer.DEFAULT_PORT)),
                webSocketPort);
    }

    /** The Backend API, once {@link #startFaces} ran. */
    public Optional<BackendApi> api() {
        return Optional.ofNullable(faces).map(Faces::api);
    }

    /** The dashboard server, once {@link #startFaces} ran. */
    public Optional<DashboardServer> dashboard() {
        return Optional.ofNullable(faces).map(Faces::dashboard);
    }

    /** The MarketData hub, when this process runs it. */
    public Optional<MarketDataHub> hub() {
        if (host == null) {
            return Optional.empty();
        }
        return host.runtimes().stream()
                .map(EngineRuntime::engine)
                .filter(MarketDataHub.class::isInstance)
                .map(MarketDataHub.class::cast)
                .findFirst();
    }

    /** The running engines, empty before {@link #startEngines}. */
    public List<EngineRuntime> engines() {
        return host == null ? List.of() : host.runtimes();
    }

    /** This process's own meters (buses, bus monitor, store, JVM, process); see {@link #meters(String)}. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /**
     * The meters of the named engine of this process, which its {@code /metrics} serves.
     *
     * @throws IllegalArgumentException when this process runs no such engine
     */
    public PrometheusMeterRegistry meters(String engine) {
        PrometheusMeterRegistry registry = engineMeters.get(engine);
        if (registry == null) {
            throw new IllegalArgumentException("no engine '" + engine + "' in this process");
        }
        return registry;
    }

    /**
     * Replays trades through the hub on a thread of its own.
     *
     * @param speed 1 = real time, 0 = as fast as possible
     * @return completes with the number of accepted trades
     * @throws IllegalStateException when this process runs no hub
     */
    public synchronized CompletableFuture<Long> startReplay(List<Trade> trades, double speed) {
        return startReplay(List.of(), trades, speed);
    }

    /**
     * Publishes instruments' reference data, then replays their trades through the hub on a thread
     * of its own. Several replays may run side by side (e.g. BTC and an equity universe).
     *
     * @param references reference data published before the first trade (empty for none)
     * @param speed      1 = real time, 0 = as fast as possible
     * @return completes with the number of accepted trades
     * @throws IllegalStateException when this process runs no hub
     */
    public synchronized CompletableFuture<Long> startReplay(
            List<InstrumentReference> references, List<Trade> trades, double speed) {
        MarketDataHub hub = hub().orElseThrow(() -> new IllegalStateException("no market data hub in this process"));
        return replays.start(hub, references, trades, speed);
    }

    /** A few lines saying what runs where. */
    public List<String> describe() {
        return AddressTable.lines(config, bus, servers, Optional.ofNullable(faces), mode);
    }

    /** Stops the replays, faces, HTTP servers and engines, then drains and closes the buses. */
    @Override
    public synchronized void close() {
        if (closed) {
            return; // idempotent: commands close early to drain, then again on the way out
        }
        closed = true;
        try {
            redisMeters.close();
        } catch (Exception e) {
            // the monitor's connections only; the platform closes on
        }
        replays.stop();
        gcMetrics.close();
        if (faces != null) {
            faces.close();
        }
        servers.forEach(EngineHttpServer::close);
        servers.clear();
        if (host != null) {
            host.close();
        }
        engineMeters.values().stream().filter(r -> r != meters).forEach(PrometheusMeterRegistry::close);
        try {
            if (mode instanceof PlatformMode.WholePlatform whole) {
                whole.recorder().close();
            }
            bus.close();
        } finally {
            switch (mode) {
                case PlatformMode.WholePlatform whole -> whole.store().close();
                case PlatformMode.EngineProcess process -> process.store().ifPresent(Store::close);
            }
        }
    }
}

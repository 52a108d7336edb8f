package dev.nautilus.app;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.config.StoreSettings;
import dev.nautilus.app.recording.RecordingRules;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.recorder.BusRecorder;
import io.micrometer.core.instrument.FunctionCounter;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.app.api.BackendApi;
import dev.nautilus.app.api.EngineTarget;
import dev.nautilus.app.dashboard.DashboardServer;
import dev.nautilus.app.monitor.MonitorTargets;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.http.BusMetrics;
import dev.nautilus.app.http.EngineHttpServer;
import dev.nautilus.app.security.HttpSecurity;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.host.EngineRuntime;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeReplay;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root: builds the buses (and, as they land, engines, store and faces) from the
 * configuration, and owns them. Nothing else in the code base wires objects together.
 */
public final class Platform implements AutoCloseable {

    private final NautilusConfig config;
    private final MessageBus bus;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<EngineHttpServer> servers = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private EngineHost host;
    private boolean closed;
    private final List<CompletableFuture<Long>> replays = new ArrayList<>();
    private BackendApi api;
    private DashboardServer dashboard;

    /** The store and its recorder; {@code null} in an engine process (see {@link #start(NautilusConfig, String)}). */
    private final Store store;
    private final long history;
    private final BusRecorder recorder;

    private Platform(NautilusConfig config, MessageBus bus, Store store) {
        this.config = config;
        this.bus = bus;
        this.store = store;
        this.history = store == null ? 0 : store.trades().count(RECORDED_SYMBOL);
        // Subscribed before any engine or replay starts, so the history misses nothing.
        this.recorder = store == null ? null : new BusRecorder(bus, store.ingest(), RecordingRules.defaults(), "recorder-1");
        BusMetrics.bind(bus, meters);
        if (recorder != null) {
            FunctionCounter.builder("nautilus.store.recorded", recorder, BusRecorder::recorded).baseUnit("rows").register(meters);
        }
    }

    /**
     * Starts the platform described by the configuration.
     *
     * @throws IllegalStateException when a configured Redis cannot be reached
     */
    public static Platform start(NautilusConfig config) {
        MessageBus bus = openBus(config.bus(), "platform");
        Store store;
        try {
            store = Stores.open(storeConfig(config));
        } catch (RuntimeException e) {
            bus.close();
            throw new IllegalStateException("cannot open the store: " + e.getMessage(), e);
        }
        try {
            return new Platform(config, bus, store);
        } catch (RuntimeException e) {
            bus.close();
            store.close();
            throw e;
        }
    }

    /**
     * Starts a platform for one engine process: the buses, named {@code identity} in Redis
     * connection names (so {@code CLIENT LIST} tells who holds what), and no store or recorder
     * (the embedded store is a single-process file; recording is the whole platform's job).
     *
     * @throws IllegalStateException when a configured Redis cannot be reached
     */
    public static Platform start(NautilusConfig config, String identity) {
        return new Platform(config, openBus(config.bus(), identity), null);
    }

    /** PostgreSQL when a JDBC URL is configured, the embedded store under the data directory otherwise. */
    public static StoreConfig storeConfig(NautilusConfig config) {
        StoreSettings settings = config.store();
        StoreConfig base = settings.jdbcUrl().isPresent()
                ? StoreConfig.postgres(settings.jdbcUrl().get(), settings.user().orElse(null), settings.password().orElse(null))
                : StoreConfig.embedded(config.dataDir());
        return base.withPoolSize(settings.poolSize());
    }

    /** The symbol of the recorded BTC/USD trades whose history {@code up} reports. */
    public static final String RECORDED_SYMBOL = "BTCUSD";

    /** Trades of {@link #RECORDED_SYMBOL} the store held when this platform started: earlier runs' history. */
    public long history() {
        return history;
    }

    /** Rows this run handed to the store (0 in an engine process). */
    public long recorded() {
        return recorder == null ? 0 : recorder.recorded();
    }

    /** The store, absent in an engine process. */
    public java.util.Optional<Store> store() {
        return java.util.Optional.ofNullable(store);
    }

    /**
     * The dual bus the settings describe: on Redis when both bus URLs are set, in memory otherwise.
     *
     * @param identity who this process is, in Redis connection names ({@code platform}, or an engine)
     */
    public static MessageBus openBus(BusSettings settings, String identity) {
        RoutingTable routing = RoutingTable.withPrefix(settings.streamPrefix());
        if (!settings.onRedis()) {
            return InMemoryTransport.dualBus(routing, InMemoryConfig.defaults().withMaxDeliveries(settings.maxDeliveries()));
        }
        return RedisBuses.dualBus(routing,
                redisConfig(settings, settings.marketDataUrl().orElseThrow(), identity).withCluster(settings.marketDataCluster()),
                redisConfig(settings, settings.engineLogicUrl().orElseThrow(), identity).withCluster(settings.engineLogicCluster()));
    }

    private static RedisBusConfig redisConfig(BusSettings settings, RedisUrl url, String identity) {
        return RedisBusConfig.defaults(url.value(), identity)
                .withBuffer(settings.bufferSize(), settings.bufferInterval())
                .withStreamMaxLen(settings.streamMaxLen())
                .withMaxDeliveries(settings.maxDeliveries())
                .withClaimIdle(settings.claimIdle())
                .withMaxPayloadBytes(settings.maxPayloadBytes());
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
    public synchronized List<EngineHttpServer> startEngines(List<String> names, Map<String, Integer> portOverrides, String instance) {
        if (host != null) {
            throw new IllegalStateException("engines already started");
        }
        List<Engine> engines = EngineCatalog.create(names, config.websocket()); // a bad name fails before anything starts
        host = new EngineHost(bus, meters, instance, engines);
        // ports first: a port in use must fail the start before the engine joins its consumer group and takes messages
        for (EngineRuntime runtime : host.runtimes()) {
            String name = runtime.engine().name();
            int port = config.port(portOverrides.getOrDefault(name, runtime.engine().wiring().defaultPort()));
            servers.add(EngineHttpServer.start(runtime, bus, meters, config.http(), port));
        }
        host.start();
        return List.copyOf(servers);
    }

    /** Port-override keys of the faces, next to the engine names in {@code --port}. */
    public static final String API = "api";
    public static final String DASHBOARD = "dashboard";

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
        if (api != null) {
            throw new IllegalStateException("faces already started");
        }
        List<EngineTarget> engines = servers.isEmpty()
                ? EngineCatalog.PLATFORM.stream().map(EngineMatrix::of).map(w -> new EngineTarget(w.name(), w.displayName(),
                        config.port(portOverrides.getOrDefault(w.name(), w.defaultPort())))).toList()
                : servers.stream().map(s -> new EngineTarget(s.runtime().engine().name(),
                        s.runtime().engine().wiring().displayName(), s.port())).toList();
        var redis = MonitorTargets.resolve(config.bus(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        api = BackendApi.start(bus, store(), engines, redis, "1", config.http(), config.port(portOverrides.getOrDefault(API, BackendApi.DEFAULT_PORT)));
        int webSocketPort = servers.stream().filter(s -> s.runtime().engine().name().equals(EngineMatrix.WEBSOCKET))
                .mapToInt(EngineHttpServer::port).findFirst()
                .orElse(config.port(portOverrides.getOrDefault(EngineMatrix.WEBSOCKET, EngineMatrix.of(EngineMatrix.WEBSOCKET).defaultPort())));
        try {
            dashboard = DashboardServer.start(config.http(), config.port(portOverrides.getOrDefault(DASHBOARD, DashboardServer.DEFAULT_PORT)),
                    api.port(), webSocketPort);
            config.http().allowedOrigins().allowDashboard(config.http().host(), dashboard.port());
        } catch (RuntimeException e) {
            api.close();
            api = null;
            throw e;
        }
    }

    /** The Backend API, once {@link #startFaces} ran. */
    public Optional<BackendApi> api() {
        return Optional.ofNullable(api);
    }

    /** The dashboard server, once {@link #startFaces} ran. */
    public Optional<DashboardServer> dashboard() {
        return Optional.ofNullable(dashboard);
    }

    /** The MarketData hub, when this process runs it. */
    public Optional<MarketDataHub> hub() {
        if (host == null) {
            return Optional.empty();
        }
        return host.runtimes().stream().map(EngineRuntime::engine).filter(MarketDataHub.class::isInstance)
                .map(MarketDataHub.class::cast).findFirst();
    }

    /** The running engines, empty before {@link #startEngines}. */
    public List<EngineRuntime> engines() {
        return host == null ? List.of() : host.runtimes();
    }

    /** This process's meters. */
    public PrometheusMeterRegistry meters() {
        return meters;
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
    public synchronized CompletableFuture<Long> startReplay(List<InstrumentReference> references, List<Trade> trades, double speed) {
        MarketDataHub hub = hub().orElseThrow(() -> new IllegalStateException("no market data hub in this process"));
        TradeReplay player = new TradeReplay(hub, speed);
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread.ofPlatform().name("nautilus-replay-" + replays.size()).daemon().start(() -> {
            try {
                references.forEach(hub::publishReference);
                done.complete(player.run(trades, stopping::get));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        replays.add(done);
        return done;
    }

    /** A few lines saying what runs where. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        RoutingTable routing = bus.routing();
        for (TransportStatus status : bus.status()) {
            Bus which = status.bus();
            lines.add(String.format("%-18s %-10s %-28s carries %s", which.displayName() + " bus", status.transport(),
                    status.endpoint(), routing.typesOn(which).stream().map(t -> t.wireName()).toList()));
        }
        lines.add(String.format("%-18s %s", "main Redis", config.bus().mainRedisUrl().map(u -> "watched at " + u).orElse("not watched")));
        for (EngineHttpServer server : servers) {
            lines.add(String.format("%-18s http://localhost:%d/health", server.runtime().engine().wiring().displayName(), server.port()));
            if (server.runtime().engine() instanceof dev.nautilus.app.websocket.WebSocketEngine) {
                lines.add(String.format("%-18s ws://localhost:%d/ws", "WebSocket stream", server.port()));
            }
        }
        if (api != null) {
            lines.add(String.format("%-18s http://localhost:%d/api  (OpenAPI: http://localhost:%d/openapi.json)", "Backend API", api.port(), api.port()));
            lines.add(String.format("%-18s http://localhost:%d/?token=%s", "Dashboard", dashboard.port(),
                    config.http().tokens().configured() ? "<NAUTILUS_API_TOKEN>" : config.http().tokens().admin()));
        }
        lines.addAll(TokenLines.of(config.http()));
        lines.add(String.format("%-18s %s", "data directory", config.dataDir().toAbsolutePath().normalize()));
        if (store != null) {
            lines.add(String.format("%-18s %s, %,d %s trades from earlier runs", "store", store.kind(), history, RECORDED_SYMBOL));
        }
        return lines;
    }

    /** Stops the replay, HTTP servers and engines, then drains and closes the buses. */
    @Override
    public synchronized void close() {
        stopping.set(true);
        if (closed) {
            return; // idempotent: commands close early to drain, then again on the way out
        }
        closed = true;
        replays.forEach(r -> r.exceptionally(e -> 0L).join());
        if (dashboard != null) {
            dashboard.close();
        }
        if (api != null) {
            api.close();
        }
        servers.forEach(EngineHttpServer::close);
        servers.clear();
        if (host != null) {
            host.close();
        }
        try {
            if (recorder != null) {
                recorder.close();
            }
            bus.close();
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}

package dev.nautilus.app;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.config.StoreSettings;
import dev.nautilus.app.http.BusMeters;
import dev.nautilus.app.http.EngineHttpServer;
import dev.nautilus.engines.marketdata.LastValueCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.nautilus.app.recording.RecordingRules;
import dev.nautilus.engines.EngineCatalog;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.TradeLoad;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.recorder.BusRecorder;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.bus.memory.InMemoryConfig;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: builds the buses (and, as they land, engines, store and faces) from the
 * configuration, and owns them. Nothing else in the code base wires objects together.
 */
public final class Platform implements AutoCloseable {

    /** The BTC/USD symbol of the recorded trades {@code up} replays. */
    public static final String REPLAYED_SYMBOL = BitstampTradeReplay.INSTRUMENT;

    private final NautilusConfig config;
    private final MessageBus bus;
    private final Store store;
    private final long history;
    private final BusRecorder recorder;
    private final EngineHost engines;
    private final MarketDataHub hub;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<EngineHttpServer> servers = new ArrayList<>();

    private Platform(NautilusConfig config, MessageBus bus, Store store, double replaySpeed, boolean ephemeralPorts) {
        this.config = config;
        this.bus = bus;
        this.store = store;
        this.history = store.trades().count(REPLAYED_SYMBOL);
        this.recorder = new BusRecorder(bus, store.ingest(), RecordingRules.defaults(), "recorder-1");
        this.engines = new EngineHost(bus, "1");
        TradeLoad recording = BitstampTradeReplay.load();
        MarketDataHub source = null;
        for (String name : EngineCatalog.ALL) {
            Engine engine = EngineCatalog.create(name, recording, replaySpeed);
            if (engine instanceof MarketDataHub marketData) {
                source = marketData;
            }
            engines.start(engine);
        }
        this.hub = java.util.Objects.requireNonNull(source, "the engine catalog has no MarketData hub");
        BusMeters.bind(bus, registry);
        FunctionCounter.builder("nautilus.marketdata.cache.hits", hub.cache(), LastValueCache::hits).register(registry);
        FunctionCounter.builder("nautilus.marketdata.cache.misses", hub.cache(), LastValueCache::misses).register(registry);
        FunctionCounter.builder("nautilus.marketdata.rejected", hub, MarketDataHub::rejected).register(registry);
        FunctionCounter.builder("nautilus.store.recorded", recorder, BusRecorder::recorded).baseUnit("rows").register(registry);
        try {
            for (Engine engine : engines.engines()) {
                servers.add(new EngineHttpServer(engine, bus, () -> engines.stats(engine.name()), registry,
                        ephemeralPorts ? 0 : config.port(engine.defaultPort())));
            }
        } catch (RuntimeException e) {
            servers.forEach(EngineHttpServer::close);
            engines.close();
            recorder.close();
            throw e;
        }
    }

    /**
     * Starts the platform the configuration describes: the buses, the store, the recorder and the
     * engines, replaying the recorded BTC/USD trades.
     *
     * @param replaySpeed multiple of real time for the replay; 0 for as fast as possible
     * @throws IllegalStateException when a configured Redis or database cannot be reached
     */
    public static Platform start(NautilusConfig config, double replaySpeed) {
        return start(config, replaySpeed, false);
    }

    /** Like {@link #start(NautilusConfig, double)}, with every HTTP port ephemeral when asked (tests). */
    public static Platform start(NautilusConfig config, double replaySpeed, boolean ephemeralPorts) {
        MessageBus bus = openBus(config.bus(), "platform");
        Store store;
        try {
            store = Stores.open(storeConfig(config));
        } catch (RuntimeException e) {
            bus.close();
            throw new IllegalStateException("cannot open the store: " + e.getMessage(), e);
        }
        try {
            return new Platform(config, bus, store, replaySpeed, ephemeralPorts);
        } catch (RuntimeException e) {
            bus.close();
            store.close();
            throw e;
        }
    }

    /** PostgreSQL when a JDBC URL is configured, the embedded store under the data directory otherwise. */
    static StoreConfig storeConfig(NautilusConfig config) {
        StoreSettings settings = config.store();
        StoreConfig base = settings.jdbcUrl().isPresent()
                ? StoreConfig.postgres(settings.jdbcUrl().get(), settings.user().orElse(null), settings.password().orElse(null))
                : StoreConfig.embedded(config.dataDir());
        return base.withPoolSize(settings.poolSize());
    }

    /** Trades of the replayed symbol the store held when this platform started: earlier runs' history. */
    public long history() {
        return history;
    }

    /** Rows this run handed to the store. */
    public long recorded() {
        return recorder.recorded();
    }

    /** The HTTP port of each engine, by name. */
    public java.util.Map<String, Integer> httpPorts() {
        java.util.Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        List<Engine> running = engines.engines();
        for (int i = 0; i < servers.size(); i++) {
            ports.put(running.get(i).name(), servers.get(i).port());
        }
        return ports;
    }

    /** The MarketData hub. */
    public MarketDataHub hub() {
        return hub;
    }

    /** The store. */
    public Store store() {
        return store;
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
                redisConfig(settings, settings.marketDataUrl().orElseThrow(), identity),
                redisConfig(settings, settings.engineLogicUrl().orElseThrow(), identity));
    }

    private static RedisBusConfig redisConfig(BusSettings settings, RedisUrl url, String identity) {
        return RedisBusConfig.defaults(url.value(), identity)
                .withBuffer(settings.bufferSize(), settings.bufferInterval())
                .withStreamMaxLen(settings.streamMaxLen())
                .withMaxDeliveries(settings.maxDeliveries())
                .withClaimIdle(settings.claimIdle())
                .withMaxPayloadBytes(settings.maxPayloadBytes());
    }

    /** The dual bus. */
    public MessageBus bus() {
        return bus;
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
        lines.add(String.format("%-18s %s", "data directory", config.dataDir().toAbsolutePath().normalize()));
        lines.add(String.format("%-18s %s, %,d %s trades from earlier runs", "store", store.kind(), history, REPLAYED_SYMBOL));
        for (Engine engine : engines.engines()) {
            lines.add(String.format("%-18s subscribes %s, publishes %s", "engine " + engine.name(),
                    engine.wiring().subscribes(), engine.wiring().publishes()));
        }
        for (EngineHttpServer server : servers) {
            lines.add(String.format("%-18s http://localhost:%d/health  /metrics  /messagebus/status", "", server.port()));
        }
        return lines;
    }

    /** Stops the engines, drains the buses (so the recorder sees everything), then the store. */
    @Override
    public void close() {
        try {
            servers.forEach(EngineHttpServer::close);
            engines.close();
            recorder.close();
            bus.close();
        } finally {
            store.close();
        }
    }
}

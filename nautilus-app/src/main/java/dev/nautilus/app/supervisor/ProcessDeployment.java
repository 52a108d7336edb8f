package dev.nautilus.app.supervisor;

import dev.nautilus.app.Platform;
import dev.nautilus.app.api.BackendApi;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.dashboard.DashboardServer;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.bus.redis.monitor.ClientConnections;
import dev.nautilus.engines.host.EngineMatrix;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seeds' deployment on one machine: every engine of the matrix as its own supervised JVM, the
 * Backend API and dashboard in another, on the configured Redis buses or, when none are configured, on
 * two bus Redis servers it starts itself with the seeds' settings. The processes share the platform's
 * admin token (configured, or the one this process generated), handed over in their environment.
 */
public final class ProcessDeployment implements AutoCloseable {

    /**
     * Everything a deployment needs that is not in the configuration.
     *
     * @param configFile the {@code --config} file the configuration was read from: every child reads
     *                   it too (with the environment over it, as here), so the file's settings — bus
     *                   TLS, store, limits — reach every process
     */
    public record Options(
            List<String> engines,
            Map<String, Integer> ports,
            List<String> hubReplayArguments,
            Duration healthyWithin,
            RestartBackoff backoff,
            Optional<Path> configFile) {

        public Options {
            engines = List.copyOf(engines);
            ports = Map.copyOf(ports);
            hubReplayArguments = List.copyOf(hubReplayArguments);
            configFile = configFile.map(f -> f.toAbsolutePath().normalize());
        }

        /** Options without a configuration file: the children get the environment only. */
        public Options(
                List<String> engines,
                Map<String, Integer> ports,
                List<String> hubReplayArguments,
                Duration healthyWithin,
                RestartBackoff backoff) {
            this(engines, ports, hubReplayArguments, healthyWithin, backoff, Optional.empty());
        }

        /** These options with the children reading {@code file} (may be {@code null}: none). */
        public Options withConfigFile(Path file) {
            return new Options(engines, ports, hubReplayArguments, healthyWithin, backoff, Optional.ofNullable(file));
        }

        /** What goes before each child's command: {@code --config FILE}, or nothing. */
        List<String> globalArguments() {
            return configFile.map(f -> List.of("--config", f.toString())).orElse(List.of());
        }

        /** Every engine on its default port, the hub replaying as told. */
        public static Options every(List<String> hubReplayArguments) {
            return new Options(
                    EngineCatalog.PLATFORM,
                    Map.of(),
                    hubReplayArguments,
                    Duration.ofSeconds(120),
                    RestartBackoff.defaults());
        }
    }

    private final Optional<BusRedisServers> ownBuses;
    private final StoreChoice store;
    private final Supervisor supervisor;
    private final List<StatefulRedisConnection<String, String>> watched;
    private final List<RedisClient> clients;
    private boolean closed;

    private ProcessDeployment(
            Optional<BusRedisServers> ownBuses,
            StoreChoice store,
            Supervisor supervisor,
            List<RedisClient> clients,
            List<StatefulRedisConnection<String, String>> watched) {
        this.ownBuses = ownBuses;
        this.store = store;
        this.supervisor = supervisor;
        this.clients = clients;
        this.watched = watched;
    }

    /**
     * Starts the buses if needed, then every process (see {@link Supervisor#start}).
     *
     * @param ownBusPorts ports for self-started bus Redis servers (the seeds' 6380 and 6381 plus the offset)
     */
    public static ProcessDeployment start(
            NautilusConfig config, Options options, ChildLauncher launcher, int[] ownBusPorts)
            throws IOException, InterruptedException {
        Optional<BusRedisServers> ownBuses = Optional.empty();
        Map<String, String> environment = new HashMap<>();
        String marketData;
        String engineLogic;
        if (config.bus().onRedis()) {
            marketData = config.bus().marketDataUrl().orElseThrow().value();
            engineLogic = config.bus().engineLogicUrl().orElseThrow().value();
        } else {
            BusRedisServers buses = BusRedisServers.start(config.dataDir(), ownBusPorts[0], ownBusPorts[1]);
            ownBuses = Optional.of(buses);
            marketData = buses.marketDataUrl();
            engineLogic = buses.engineLogicUrl();
            environment.put("NAUTILUS_MARKETDATA_BUS_URL", marketData);
            environment.put("NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic);
        }
        environment.put("NAUTILUS_API_TOKEN", config.http().tokens().admin());
        StoreChoice store = StoreChoice.of(config.store());
        environment.putAll(store.environment());
        if (options.engines().contains(EngineMatrix.MARKETDATA)
                && !options.hubReplayArguments().contains("--no-replay")) {
            // the hub replays from the first trade again: this launch's engines must not restore
            // a state that includes the last launch's replay (a crash within this launch restores)
            environment.put("NAUTILUS_STATE_SESSION", "launch-" + java.util.UUID.randomUUID());
        }
        List<RedisClient> clients = new ArrayList<>();
        List<StatefulRedisConnection<String, String>> watched = new ArrayList<>();
        try {
            for (String url : List.of(marketData, engineLogic)) {
                RedisURI uri = RedisURI.create(url);
                uri.setClientName(
                        "nautilus:supervisor:" + (watched.isEmpty() ? "marketdata" : "engine_logic") + ":cmd");
                RedisClient client = RedisClient.create(uri);
                clients.add(client);
                if (uri.isSsl()) {
                    client.setOptions(
                            config.bus().tls().applyTo(ClientOptions.builder()).build());
                }
                watched.add(client.connect());
            }
            Supervisor supervisor = Supervisor.start(
                    specs(config, options, environment), launcher, options.backoff(), options.healthyWithin());
            return new ProcessDeployment(ownBuses, store, supervisor, clients, watched);
        } catch (IOException | InterruptedException | RuntimeException e) {
            watched.forEach(StatefulRedisConnection::close);
            clients.forEach(RedisClient::shutdown);
            ownBuses.ifPresent(BusRedisServers::close);
            throw e;
        }
    }

    /** Every child's command line: the engines', then the API's; package-private for tests. */
    static List<ChildSpec> specs(NautilusConfig config, Options options, Map<String, String> environment) {
        List<ChildSpec> specs = new ArrayList<>();
        List<String> apiPorts = new ArrayList<>();
        for (String engine : options.engines()) {
            int base =
                    options.ports().getOrDefault(engine, EngineMatrix.of(engine).defaultPort());
            List<String> arguments = new ArrayList<>(options.globalArguments());
            arguments.addAll(List.of("engine", engine, "--instance", "1", "--port", engine + "=" + base));
            if (engine.equals(EngineMatrix.MARKETDATA)) {
                arguments.addAll(options.hubReplayArguments());
            }
            specs.add(new ChildSpec(engine, arguments, config.port(base), "/health", environment));
            apiPorts.add(engine + "=" + base);
        }
        int api = options.ports().getOrDefault(Platform.API, BackendApi.DEFAULT_PORT);
        apiPorts.add(Platform.API + "=" + api);
        apiPorts.add(Platform.DASHBOARD + "="
                + options.ports().getOrDefault(Platform.DASHBOARD, DashboardServer.DEFAULT_PORT));
        List<String> apiArguments = new ArrayList<>(options.globalArguments());
        apiArguments.addAll(List.of("api", "--port", String.join(",", apiPorts)));
        specs.add(new ChildSpec(Platform.API, apiArguments, config.port(api), "/api/health", environment));
        return specs;
    }

    /** The table's rows now, with each child's connections on both buses. */
    public List<ChildStatus> status() {
        Map<String, Integer> connections = new HashMap<>();
        boolean counted = true;
        for (StatefulRedisConnection<String, String> bus : watched) {
            try {
                ClientConnections.countByEngine(bus.sync().clientList())
                        .forEach((k, v) -> connections.merge(k, v, Integer::sum));
            } catch (RuntimeException e) {
                counted = false; // a bus down: the column says unknown rather than 0
            }
        }
        boolean known = counted;
        return supervisor.status(name -> known ? connections.getOrDefault(name, 0) : -1);
    }

    /** Where the processes keep their state, and the address table's line about it. */
    public StoreChoice store() {
        return store;
    }

    /** The supervisor, for tests and tools. */
    public Supervisor supervisor() {
        return supervisor;
    }

    /** Where the children's logs are. */
    public static Path logs(NautilusConfig config) {
        return config.dataDir().resolve("logs");
    }

    /** Stops every process in data-flow order, then the buses it started. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        supervisor.close();
        watched.forEach(StatefulRedisConnection::close);
        clients.forEach(RedisClient::shutdown);
        ownBuses.ifPresent(BusRedisServers::close);
    }
}

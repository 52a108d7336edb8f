package dev.nautilus.app.cli;

import dev.nautilus.engines.EngineCatalog;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.http.BusMeters;
import dev.nautilus.app.http.EngineHttpServer;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nautilus engine NAME}: one engine as its own process, against the configured buses. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Runs one engine as its own process against the configured buses, serving HTTP on its port.")
final class EngineCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Engine name: features, vpin or marketdata.")
    String name;

    @Option(names = "--instance", paramLabel = "ID", defaultValue = "1",
            description = "Instance id; instances of one engine share its messages (default: ${DEFAULT-VALUE}).")
    String instance;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "60",
            description = "For marketdata: replay speed, times real time; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Override
    public Integer call() throws Exception {
        if (!EngineCatalog.ALL.contains(name)) {
            spec.commandLine().getErr().println("nautilus engine: unknown engine '" + name + "'; this build runs " + EngineCatalog.ALL);
            return 2;
        }
        NautilusConfig config = parent.config();
        if (!config.bus().onRedis()) {
            spec.commandLine().getErr().println("nautilus engine: note: no Redis buses configured, so this engine runs on "
                    + "in-memory buses of its own and talks to no other process; set NAUTILUS_MARKETDATA_BUS_URL and "
                    + "NAUTILUS_ENGINE_LOGIC_BUS_URL to join a platform");
        }
        Engine engine = EngineCatalog.create(name, BitstampTradeReplay.load(), speed);
        CountDownLatch stopped = new CountDownLatch(1);
        try (MessageBus bus = Platform.openBus(config.bus(), name); EngineHost host = new EngineHost(bus, instance)) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            BusMeters.bind(bus, registry);
            host.start(engine);
            try (EngineHttpServer http = new EngineHttpServer(engine, bus, () -> host.stats(name), registry,
                    config.port(engine.defaultPort()))) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "nautilus-engine-shutdown"));
                spec.commandLine().getOut().printf("engine %s-%s running; http://localhost:%d/health; Ctrl-C to stop%n",
                        name, instance, http.port());
                spec.commandLine().getOut().flush();
                stopped.await();
            }
        }
        return 0;
    }
}

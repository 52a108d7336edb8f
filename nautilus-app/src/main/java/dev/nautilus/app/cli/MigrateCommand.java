package dev.nautilus.app.cli;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.ConfigException;
import dev.nautilus.app.config.ConfigKey;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.app.migration.Layout;
import dev.nautilus.app.migration.Migration;
import dev.nautilus.app.migration.MigrationPlan;
import dev.nautilus.app.migration.MigrationRedis;
import dev.nautilus.app.migration.RedisFigures;
import dev.nautilus.app.migration.StepReport;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.redis.bridge.LayoutBridge;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus migrate}: the zero-downtime move of the engines from the main Redis (both buses'
 * streams on it: {@code bus.layout: single}) to the dual bus, one engine at a time, with the bridge
 * running ({@code migrate bridge}) until {@code migrate finish}. See docs/MIGRATION.md.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Moves the engines from the main Redis to the dual bus, one at a time (docs/MIGRATION.md).",
        subcommands = {
            MigrateCommand.Plan.class,
            MigrateCommand.Bridge.class,
            MigrateCommand.Step.class,
            MigrateCommand.Rollback.class,
            MigrateCommand.Status.class,
            MigrateCommand.Finish.class,
        })
final class MigrateCommand implements Runnable {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The three Redis servers the configuration names; all three are required. */
    MigrationRedis redis() {
        BusSettings bus = parent.config().bus();
        String main = required(bus.mainRedisUrl().map(RedisUrl::value).orElse(null), ConfigKey.MAIN_REDIS_URL);
        Map<Bus, String> buses = new EnumMap<>(Bus.class);
        buses.put(
                Bus.MARKETDATA,
                required(bus.marketDataUrl().map(RedisUrl::value).orElse(null), ConfigKey.MARKETDATA_BUS_URL));
        buses.put(
                Bus.ENGINE_LOGIC,
                required(bus.engineLogicUrl().map(RedisUrl::value).orElse(null), ConfigKey.ENGINE_LOGIC_BUS_URL));
        return new MigrationRedis(RoutingTable.withPrefix(bus.streamPrefix()), main, buses);
    }

    long streamMaxLen() {
        return parent.config().bus().streamMaxLen();
    }

    private static String required(String url, ConfigKey key) {
        if (url == null) {
            throw new ConfigException(key.fileKey() + " (" + key.envVar() + ") is needed to migrate: set the main Redis"
                    + " and both bus URLs");
        }
        return url;
    }

    /** Options of the commands that wait for an engine or the bridge. */
    abstract static class Waiting {
        @ParentCommand
        MigrateCommand migrate;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--wait",
                paramLabel = "SECONDS",
                defaultValue = "120",
                description =
                        "How long to wait for the engine to stop and the bridge to catch up (default: ${DEFAULT-VALUE}).")
        long waitSeconds;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        int fail(RuntimeException e) {
            spec.commandLine().getErr().println("nautilus migrate: " + e.getMessage());
            return 1;
        }
    }

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = "The engines in a safe order, with what each reads and writes.")
    static final class Plan implements Callable<Integer> {
        @ParentCommand
        MigrateCommand migrate;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(
                paramLabel = "ENGINE",
                arity = "0..*",
                description = "Only these engines (default: all of the matrix).")
        List<String> engines = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-3s %-14s %-44s %-36s %s%n", "#", "engine", "reads", "writes", "moved after (it feeds)");
            int i = 1;
            for (MigrationPlan.Step step : MigrationPlan.of(engines)) {
                out.printf(
                        "%-3d %-14s %-44s %-36s %s%s%n",
                        i++,
                        step.engine(),
                        names(step.reads()),
                        names(step.writes()),
                        step.feeds().stream()
                                .filter(f -> !f.equals(step.engine()))
                                .collect(Collectors.joining(",")),
                        step.inCycle() ? "  (in a cycle: its step may repeat entries)" : "");
            }
            out.println("Run `nautilus migrate bridge` first; then for each engine in this order: stop it,"
                    + " `nautilus migrate step ENGINE`, start it with bus.layout dual (or keep it under"
                    + " bus.layout migrating and let its supervisor restart it).");
            return 0;
        }

        private static String names(java.util.Set<MessageType> types) {
            return types.size() == MessageType.values().length
                    ? "all"
                    : types.stream().map(MessageType::wireName).sorted().collect(Collectors.joining(","));
        }
    }

    @Command(
            name = "bridge",
            mixinStandardHelpOptions = true,
            description = "Runs the bridge (both directions, every stream) until `migrate finish` is recorded.")
    static final class Bridge extends Waiting implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            try (MigrationRedis redis = migrate.redis()) {
                Migration migration = new Migration(redis);
                if (migration.finished()) {
                    out().println("The migration is finished: no bridge needed.");
                    return 0;
                }
                CountDownLatch stopped = new CountDownLatch(1);
                try (LayoutBridge bridge = Migration.bridge(redis, migrate.streamMaxLen())) {
                    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "nautilus-bridge-stop"));
                    out().println("Bridge running: main Redis <-> MarketData bus, main Redis <-> Engine Logic bus.");
                    out().flush();
                    while (!migration.finished() && !stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                        // the record is read once a second: `migrate finish` (which checks the bridge
                        // has copied everything) stops the bridge
                    }
                }
                out().println("Bridge stopped.");
                return 0;
            } catch (RuntimeException e) {
                return fail(e);
            }
        }
    }

    /** A step or a rollback: one stopped engine moved, and what to do next. */
    abstract static class Move extends Waiting implements Callable<Integer> {
        private final Layout to;

        @Parameters(paramLabel = "ENGINE")
        String engine;

        Move(Layout to) {
            this.to = to;
        }

        @Override
        public Integer call() {
            try (MigrationRedis redis = migrate.redis()) {
                out().println("Waiting for " + engine + " to stop (its connections to leave the Redis it is on)...");
                out().flush();
                Migration migration = new Migration(redis);
                Duration wait = Duration.ofSeconds(waitSeconds);
                StepReport report = to == Layout.DUAL ? migration.step(engine, wait) : migration.rollback(engine, wait);
                out().println(report.summary());
                out().println("Start " + engine + " with bus.layout " + to.key()
                        + " (a process under bus.layout migrating starts there by itself).");
                return 0;
            } catch (RuntimeException e) {
                return fail(e);
            }
        }
    }

    @Command(name = "step", mixinStandardHelpOptions = true, description = "Moves one stopped engine to the dual bus.")
    static final class Step extends Move {
        Step() {
            super(Layout.DUAL);
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Moves one stopped engine back to the main Redis.")
    static final class Rollback extends Move {
        Rollback() {
            super(Layout.SINGLE);
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Per Redis: engines, connections, CPU, failed XREADGROUP calls, lag; each engine's layout.")
    static final class Status extends Waiting implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            try (MigrationRedis redis = migrate.redis()) {
                Migration migration = new Migration(redis);
                List<RedisFigures> before = migration.status();
                Thread.sleep(1_000); // CPU % over one second of each Redis's own counters
                List<RedisFigures> after = migration.status();
                PrintWriter out = out();
                out.printf(
                        "%-13s %6s %8s %10s %9s  %s%n",
                        "redis", "cpu%", "clients", "failed-xrg", "lag", "engines (connections)");
                for (int i = 0; i < after.size(); i++) {
                    RedisFigures now = after.get(i);
                    out.printf(
                            "%-13s %6.2f %8d %10d %9d  %s%n",
                            now.name(),
                            100 * (now.cpuSeconds() - before.get(i).cpuSeconds()),
                            now.engineConnections(),
                            now.failedXreadgroup(),
                            now.engineLag(),
                            now.clientsByEngine());
                }
                out.println("bridge lag: "
                        + migration.bridgeLag().entrySet().stream()
                                .map(e -> e.getKey() + "="
                                        + (e.getValue().isPresent()
                                                ? e.getValue().getAsLong()
                                                : "n/a"))
                                .collect(Collectors.joining(" ")));
                out.println("layouts: " + migration.layouts());
                migration.log().forEach(line -> out.println("  " + line));
                return 0;
            } catch (RuntimeException e) {
                return fail(e);
            }
        }
    }

    @Command(
            name = "finish",
            mixinStandardHelpOptions = true,
            description =
                    "Ends the migration (the bridge stops); --drop-old-streams deletes the main Redis's bus streams.")
    static final class Finish extends Waiting implements Callable<Integer> {
        @Option(names = "--drop-old-streams", description = "Delete the buses' streams from the main Redis.")
        boolean drop;

        @Override
        public Integer call() {
            try (MigrationRedis redis = migrate.redis()) {
                new Migration(redis).finish(drop, Duration.ofSeconds(waitSeconds));
                out().println("Migration finished" + (drop ? "; the old streams were dropped." : "."));
                return 0;
            } catch (RuntimeException e) {
                return fail(e);
            }
        }
    }
}

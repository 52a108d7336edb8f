package dev.nautilus.bench.chaos;

import java.util.List;
import java.util.Optional;

/**
 * One bounded fault scenario against real processes and real servers. Each starts what it needs
 * (Redis servers, child JVMs, a PostgreSQL of its own), injects its fault, counts effects by id and
 * stops everything it started, whatever happens.
 */
public interface ChaosScenario {

    /** The name on the command line and of the JSON file. */
    String name();

    /** One line for {@code --list}. */
    String description();

    /** Runs the scenario; {@code options.shortForm()} runs the smaller test form. */
    ChaosResult run(ChaosOptions options) throws Exception;

    /** Every scenario, in the order {@code --list} prints them. */
    static List<ChaosScenario> all() {
        return List.of(
                new ConsumerKillScenario(),
                new PauseScenario(),
                new ConsumePublishCrashScenario(),
                new PublisherKillScenario(),
                new PostgresRestartScenario(),
                new RedisRestartScenario(),
                new PartitionScenario(),
                new RedisOomScenario(),
                new GroupDestroyedScenario(),
                new SlowConsumerScenario(),
                new SoakScenario());
    }

    /** The scenario of that name. */
    static Optional<ChaosScenario> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }
}

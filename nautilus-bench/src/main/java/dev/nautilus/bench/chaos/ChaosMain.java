package dev.nautilus.bench.chaos;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./nautilus chaos <scenario> [--short] [--minutes N]}: runs one bounded fault scenario
 * against real processes and real servers, writes {@code build/chaos/<scenario>.json}, prints one
 * line, and exits non-zero unless the scenario's promise held. {@code --list} lists them.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = "Runs one fault scenario against real processes and servers; writes build/chaos/<scenario>.json.")
public final class ChaosMain implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "the scenario (see --list)")
    String scenario;

    @Option(names = "--list", description = "list the scenarios")
    boolean list;

    @Option(names = "--short", description = "the smaller form the tests run")
    boolean shortForm;

    @Option(names = "--minutes", defaultValue = "30", description = "the soak's length in minutes (default 30)")
    int minutes;

    @Option(names = "--out", defaultValue = "build/chaos", description = "where the JSON goes")
    Path out;

    public static void main(String[] args) {
        // Ctrl-C or a kill of the run skips the scenarios' own clean-up: take the Redis servers,
        // PostgreSQL and consumer JVMs it started down with it rather than leave them running
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                        "chaos-children-stop"));
        System.exit(new CommandLine(new ChaosMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (list || scenario == null) {
            ChaosScenario.all().forEach(s -> System.out.printf("%-22s %s%n", s.name(), s.description()));
            return list ? 0 : 2;
        }
        ChaosScenario chosen = ChaosScenario.named(scenario)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        new CommandLine(this), "unknown scenario '" + scenario + "'; see --list"));
        ChaosResult result = chosen.run(new ChaosOptions(shortForm, minutes, out.resolve("logs")));
        Path file = result.write(out);
        System.out.println(result.summary());
        System.out.println("written: " + file);
        return result.passed() ? 0 : 1;
    }
}

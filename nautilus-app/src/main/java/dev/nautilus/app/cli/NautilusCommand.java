package dev.nautilus.app.cli;

import dev.nautilus.app.config.ConfigException;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.NautilusConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nautilus} command and its global options. */
@Command(
        name = "nautilus",
        mixinStandardHelpOptions = true,
        versionProvider = NautilusCommand.Version.class,
        description = "Nautilus: trading engines over a dual message bus (MarketData bus + Engine Logic bus).",
        subcommands = {
            UpCommand.class,
            TestCommand.class,
            EngineCommand.class,
            ApiCommand.class,
            MonitorCommand.class,
            BenchCommand.class,
            ReplayCommand.class,
            BacktestCommand.class,
            ConfigCommand.class,
            AclCommand.class,
            MigrateCommand.class,
            DbRolesCommand.class,
        })
public final class NautilusCommand implements Runnable {

    /** Exit code of a bad configuration. */
    public static final int BAD_CONFIG = 78;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration file (environment variables override it).")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private NautilusCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A command line with Nautilus's error handling: configuration errors are one clear line. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The same, reading its {@code NAUTILUS_…} variables from {@code environment} instead of the process's. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new NautilusCommand(environment));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("nautilus: configuration error: " + e.getMessage());
                return BAD_CONFIG;
            }
            throw e;
        });
        return commandLine;
    }

    /** Loads the configuration from {@code --config} and the environment. */
    NautilusConfig config() {
        return loader().load(configFile);
    }

    /** The loader of this command line's environment. */
    ConfigLoader loader() {
        return new ConfigLoader(environment);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = NautilusCommand.class.getResourceAsStream("/nautilus/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "nautilus " + properties.getProperty("version", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}

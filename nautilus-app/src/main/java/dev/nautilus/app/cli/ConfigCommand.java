package dev.nautilus.app.cli;

import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.ConfigValue;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus config}: the effective configuration, one key a line with its value and where it came
 * from, then validated as every other command would load it. Secrets are printed as {@code ***} and
 * URLs without their passwords, so the output can be pasted into an issue.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Print the effective configuration: each key, its value (secrets as ***, URLs without passwords)"
                + " and its source (default, file FILE, env NAME), after defaults, --config FILE and NAUTILUS_… variables."
                + " Every key, its default and its variable: docs/nautilus.example.yaml.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:printed, and the configuration is valid",
            "78:bad configuration (printed first when readable)"
        })
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration file, as the global option before the command (which it replaces).")
    Path configFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path file = configFile != null ? configFile : parent.configFile;
        ConfigLoader loader = parent.loader();
        List<ConfigValue> values = loader.resolve(file);
        int keyWidth = "key".length();
        int valueWidth = "value".length();
        for (ConfigValue value : values) {
            keyWidth = Math.max(keyWidth, value.key().fileKey().length());
            valueWidth = Math.max(valueWidth, value.printable().length());
        }
        String row = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n";
        out.printf(row, "key", "value", "source");
        for (ConfigValue value : values) {
            out.printf(row, value.key().fileKey(), value.printable(), value.source());
        }
        out.flush();
        // the values print before validation, so that a bad one can be seen beside where it came from
        loader.load(file);
        return 0;
    }
}

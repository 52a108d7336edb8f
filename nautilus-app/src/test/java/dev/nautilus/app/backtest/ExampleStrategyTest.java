package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.cli.NautilusCommand;
import dev.nautilus.bus.Message;
import dev.nautilus.engines.strategy.spi.StrategyProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * The example strategy project under {@code examples/strategy-example}, as a user would use it: its
 * sources compiled against the engines, packaged as a jar with its service file, put in a directory
 * and run by {@code nautilus backtest --strategy-path DIR --strategy channel_breakout}. Its pom (for
 * users; this test does not run Maven) is checked to be well-formed and to name this project's version.
 */
class ExampleStrategyTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "strategy-example");

    @TempDir
    Path dir;

    @Test
    void theExampleCompilesIntoAJarThatTheBacktestLoadsAndRuns() throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        assertThat(sources).hasSize(2);
        String classPath = String.join(File.pathSeparator, location(StrategyProvider.class), location(Message.class));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-d", classes.toString(), "-cp", classPath));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, OutputStream.nullOutputStream(), diagnostics, args.toArray(String[]::new));
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path strategies = dir.resolve("strategies");
        Files.createDirectories(strategies);
        jar(strategies.resolve("strategy-example.jar"), classes, EXAMPLE.resolve("src/main/resources"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NautilusCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(
                "backtest",
                "--data",
                "aapl",
                "--strategy-path",
                strategies.toString(),
                "--strategy",
                "channel_breakout",
                "-p",
                "period=10",
                "--out",
                dir.resolve("r").toString());

        assertThat(code).as(err.toString()).isZero();
        BacktestReport report = ReportFiles.read(dir.resolve("r").resolve(ReportFiles.JSON));
        assertThat(report.parameters().strategy().name()).isEqualTo("channel_breakout");
        assertThat(report.parameters().strategy().parameters())
                .containsEntry("period", "10")
                .containsEntry("quantity", "1");
        assertThat(report.fills()).isPositive();
        assertThat(out.toString()).contains("channel_breakout period=10, quantity=1");
        assertThat(dir.resolve("r").resolve(Tearsheet.HTML)).exists();
    }

    @Test
    void theExamplePomIsWellFormedAndNamesThisVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(EXAMPLE.resolve("pom.xml").toFile());
        Document reactor = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("..", "pom.xml").toFile());
        String version =
                reactor.getElementsByTagName("version").item(0).getTextContent().trim();
        assertThat(pom.getElementsByTagName("nautilus.version").item(0).getTextContent())
                .isEqualTo(version);
        assertThat(pom.getElementsByTagName("artifactId").item(1).getTextContent())
                .isEqualTo("nautilus-engines");
        assertThat(Files.readString(EXAMPLE.resolve(
                                "src/main/resources/META-INF/services/" + StrategyProvider.class.getName()))
                        .trim())
                .isEqualTo("com.example.strategy.ChannelBreakoutProvider");
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static void jar(Path jar, Path... roots) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(
                                new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}

package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.cli.NautilusCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nautilus backtest} as a user calls it: parameters from options and a file, a sweep, and clear refusals. */
class BacktestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = NautilusCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void parametersFromAFileAreOverriddenByOptions() throws Exception {
        Path params = dir.resolve("ma.properties");
        Files.writeString(params, "fast=5\nslow=20\nshort=false\n");

        int code = run(
                "backtest",
                "--data",
                "aapl",
                "--params",
                params.toString(),
                "--slow",
                "40",
                "--out",
                dir.resolve("r").toString());

        assertThat(code).as(err.toString()).isZero();
        BacktestReport report = ReportFiles.read(dir.resolve("r").resolve(ReportFiles.JSON));
        assertThat(report.parameters().fastPeriod()).isEqualTo(5);
        assertThat(report.parameters().slowPeriod()).isEqualTo(40);
        assertThat(report.parameters().allowShort()).isFalse();
        assertThat(out.toString()).contains("MA cross 5/40").contains("Sharpe").contains("bars/s");
        assertThat(dir.resolve("r").resolve(ReportFiles.CHART)).exists();
    }

    @Test
    void sweepWritesASummaryAndAReportPerPoint() throws Exception {
        int code = run(
                "backtest",
                "--data",
                "aapl",
                "--sweep",
                "fast=5..10:5,slow=20",
                "--parallel",
                "2",
                "--out",
                dir.resolve("s").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readAllLines(dir.resolve("s").resolve(SweepReport.TEXT)))
                .hasSize(4); // title, header, 2 points
        assertThat(dir.resolve("s").resolve("points").resolve("5_20").resolve(ReportFiles.JSON))
                .exists();
        assertThat(dir.resolve("s").resolve("points").resolve("10_20").resolve(ReportFiles.JSON))
                .exists();
    }

    @Test
    void badInputIsRefusedWithExitCodeTwoAndAReason() throws Exception {
        assertThat(run("backtest", "--data", "nasdaq")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown data source 'nasdaq'");
        assertThat(run("backtest", "--data", "aapl", "--fast", "30", "--slow", "10"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("fast=30 slow=10");
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "fsat=5\n");
        assertThat(run("backtest", "--data", "aapl", "--params", typo.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("fsat");
    }
}

package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import dev.nautilus.app.engines.StrategyChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new files are as deterministic as the old: the ML-driven strategy (whose engine joins three
 * streams) run twice on the first 20,000 BTC trades writes identical reports, tearsheets and trades;
 * a sweep run twice writes an identical sweep page.
 */
class TearsheetDeterminismTest {

    @TempDir
    Path dir;

    @Test
    void twoRunsOfTheMlDrivenBacktestWriteIdenticalBytes() throws Exception {
        BacktestSource source = BacktestSource.bitstamp(20_000);
        PipelineSettings settings =
                new PipelineSettings(StrategyChoice.of("ml_direction", Map.of()), source.analytics());

        List<Path> first =
                write(Backtest.run(source, settings, ProgressObserver.NONE).report(), dir.resolve("first"));
        List<Path> second =
                write(Backtest.run(source, settings, ProgressObserver.NONE).report(), dir.resolve("second"));

        assertThat(first).hasSize(5);
        sameBytes(first, second);
        assertThat(Files.readAllLines(first.get(4))).hasSizeGreaterThan(1); // trades.csv: a header and fills
    }

    @Test
    void twoSweepsWriteIdenticalPages() throws Exception {
        BacktestSource source = BacktestSource.apple();
        List<PipelineSettings> points = ParameterGrid.parse(
                        "fast=5..10:5,slow=20", PipelineSettings.defaults().withAnalytics(source.analytics()))
                .points();
        List<Path> pages = new ArrayList<>();
        for (String run : List.of("first", "second")) {
            List<BacktestReport> reports =
                    ParameterSweep.run(source, points, 2, ProgressObserver.NONE).results().stream()
                            .map(Backtest.Timed::report)
                            .toList();
            pages.add(SweepPage.write(source.name(), reports, dir.resolve(run)));
        }
        sameBytes(pages.subList(0, 1), pages.subList(1, 2));
    }

    private static List<Path> write(BacktestReport report, Path directory) throws Exception {
        List<Path> files = new ArrayList<>(ReportFiles.write(report, directory));
        files.addAll(Tearsheet.write(report, directory));
        return files;
    }

    private static void sameBytes(List<Path> first, List<Path> second) throws Exception {
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i)))
                    .as(second.get(i).getFileName().toString())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }
}

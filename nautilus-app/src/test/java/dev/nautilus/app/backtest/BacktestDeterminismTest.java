package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same output, byte for byte: the BTC backtest run twice (each on fresh buses and engines,
 * with thread timing free to differ) writes identical report.txt, report.json and equity.svg.
 */
class BacktestDeterminismTest {

    @TempDir
    Path dir;

    @Test
    void twoRunsOfTheBtcBacktestWriteIdenticalBytes() throws Exception {
        BacktestSource source = BacktestSource.bitstamp(0);
        PipelineSettings settings = PipelineSettings.defaults().withAnalytics(source.analytics());

        List<Path> first = ReportFiles.write(
                Backtest.run(source, settings, ProgressObserver.NONE).report(), dir.resolve("first"));
        List<Path> second = ReportFiles.write(
                Backtest.run(source, settings, ProgressObserver.NONE).report(), dir.resolve("second"));

        assertThat(first).hasSize(3);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(second.get(i)))
                    .as(second.get(i).getFileName().toString())
                    .isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }
}

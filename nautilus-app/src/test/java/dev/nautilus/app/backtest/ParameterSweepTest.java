package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grids parse as written; a parallel sweep gives, point for point, the reports of single runs. */
class ParameterSweepTest {

    private static final PipelineSettings BASE = PipelineSettings.defaults();

    @Test
    void gridsExpandInGridOrderFastOuterSlowInner() {
        ParameterGrid grid = ParameterGrid.parse("fast=5..20:5,slow=30..70:10", BASE);
        assertThat(grid.points()).hasSize(20);
        assertThat(grid.skipped()).isZero();
        assertThat(grid.points().getFirst())
                .extracting(PipelineSettings::fastPeriod, PipelineSettings::slowPeriod)
                .containsExactly(5, 30);
        assertThat(grid.points().get(1))
                .extracting(PipelineSettings::fastPeriod, PipelineSettings::slowPeriod)
                .containsExactly(5, 40);
        assertThat(grid.points().getLast())
                .extracting(PipelineSettings::fastPeriod, PipelineSettings::slowPeriod)
                .containsExactly(20, 70);
        // the example: 4 x 5 combinations, of which fast=20 slow=20 is not a cross
        ParameterGrid example = ParameterGrid.parse("fast=5..20:5,slow=20..60:10", BASE);
        assertThat(example.points()).hasSize(19);
        assertThat(example.skipped()).isEqualTo(1);
    }

    @Test
    void pointsWithFastNotBelowSlowAreLeftOutAndCounted() {
        ParameterGrid grid = ParameterGrid.parse("fast=10..30:10,slow=20", BASE);
        assertThat(grid.points()).extracting(PipelineSettings::fastPeriod).containsExactly(10);
        assertThat(grid.skipped()).isEqualTo(2);
    }

    @Test
    void badGridsAreRefusedWithTheirText() {
        assertThatThrownBy(() -> ParameterGrid.parse("fast=5..x", BASE)).hasMessageContaining("fast=5..x");
        assertThatThrownBy(() -> ParameterGrid.parse("speed=1..2", BASE)).hasMessageContaining("speed");
        assertThatThrownBy(() -> ParameterGrid.parse("fast=20..5:5", BASE)).hasMessageContaining("FROM <= TO");
        assertThatThrownBy(() -> ParameterGrid.parse("fast=40,slow=30", BASE)).hasMessageContaining("no point");
    }

    @Test
    void parallelSweepEqualsSingleRunsPointForPoint() throws Exception {
        BacktestSource source = BacktestSource.apple();
        List<PipelineSettings> points = ParameterGrid.parse(
                        "fast=5..15:5,slow=20..30:10", BASE.withAnalytics(source.analytics()))
                .points();

        ParameterSweep.Outcome sweep = ParameterSweep.run(source, points, 2, ProgressObserver.NONE);
        List<String> single = new ArrayList<>();
        for (PipelineSettings point : points) {
            single.add(ReportText.render(
                    Backtest.run(source, point, ProgressObserver.NONE).report()));
        }

        assertThat(sweep.results()).hasSize(6);
        assertThat(sweep.results()).extracting(r -> r.report().parameters()).containsExactlyElementsOf(points);
        assertThat(sweep.results())
                .extracting(r -> ReportText.render(r.report()))
                .containsExactlyElementsOf(single);
        assertThat(single).doesNotHaveDuplicates(); // the parameters matter
    }
}

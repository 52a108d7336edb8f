package dev.nautilus.app.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.engines.host.EngineMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationPlanTest {

    @Test
    void everyEngineMovesAfterTheEnginesItFeedsAndTheHubLast() {
        List<MigrationPlan.Step> plan = MigrationPlan.of(List.of());
        List<String> order = plan.stream().map(MigrationPlan.Step::engine).toList();

        assertThat(order)
                .containsExactlyInAnyOrderElementsOf(
                        EngineMatrix.all().stream().map(w -> w.name()).toList());
        assertThat(order.getLast()).isEqualTo(EngineMatrix.MARKETDATA);
        for (MigrationPlan.Step step : plan) {
            for (String consumer : step.feeds()) {
                if (!consumer.equals(step.engine())) {
                    assertThat(order.indexOf(consumer))
                            .as(step.engine() + " feeds " + consumer)
                            .isLessThan(order.indexOf(step.engine()));
                }
            }
        }
        assertThat(plan).noneMatch(MigrationPlan.Step::inCycle);
    }

    @Test
    void theChainFromTheMatrixIsFedAsTheSeedsDrawIt() {
        MigrationPlan.Step strategy = MigrationPlan.of(List.of()).stream()
                .filter(s -> s.engine().equals(EngineMatrix.STRATEGY))
                .findFirst()
                .orElseThrow();
        assertThat(strategy.feeds()).containsExactlyInAnyOrder(EngineMatrix.PORTFOLIO, EngineMatrix.WEBSOCKET);
    }
}

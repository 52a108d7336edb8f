package dev.nautilus.bench.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.app.migration.Layout;
import dev.nautilus.app.migration.MigrationPlan;
import dev.nautilus.app.migration.RedisFigures;
import dev.nautilus.app.migration.StepReport;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeds' migration on three real Redis servers (a main one and the two buses): every engine of
 * the platform (all fourteen, in the plan's order) moved one at a time while a replay runs, with one
 * rollback half-way and the bridge killed and restarted in the middle. Its outputs must equal those
 * of the same replay never migrated (on the in-memory buses), each output once by id, and no step
 * may deliver again what its engine had handled (overlap 0).
 */
class MigrationOnRedisTest {

    private static final List<InstrumentReference> REFERENCES = ReplaySource.syntheticReferences(2);
    private static final List<Trade> TRADES = ReplaySource.synthetic(2, 60 * 45);

    @Test
    void everyEngineMovedDuringAReplayGivesTheOutputsOfARunThatNeverMoved() throws Exception {
        OutputTally reference = MigrationReplay.reference(EngineCatalog.PLATFORM, REFERENCES, TRADES);
        assertThat(reference.payloads("strategy.")).isNotEmpty();
        assertThat(reference.payloads("portfolio.")).isNotEmpty();

        try (RedisServer main = RedisServer.start();
                RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                MigrationReplay run =
                        new MigrationReplay(main.url(), marketData.url(), engineLogic.url(), EngineCatalog.PLATFORM)) {
            List<MigrationPlan.Step> plan = run.migration().plan(EngineCatalog.PLATFORM);
            assertThat(plan).hasSize(EngineMatrix.all().size());
            assertThat(plan.getLast().engine()).isEqualTo(EngineMatrix.MARKETDATA);
            assertThat(plan).noneMatch(MigrationPlan.Step::inCycle);

            run.startReplay(REFERENCES, TRADES, 300);
            List<StepReport> steps = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                Thread.sleep(400);
                String engine = plan.get(i).engine();
                if (i == 3) {
                    // a rollback half-way: the last engine moved goes back to the main Redis, then forward again
                    String previous = plan.get(i - 1).engine();
                    steps.add(run.move(previous, Layout.SINGLE));
                    assertThat(run.migration().layoutOf(previous)).isEqualTo("single");
                    assertThat(run.migration().status().getFirst().connectionsOf(previous))
                            .isPositive();
                    Thread.sleep(300);
                    steps.add(run.move(previous, Layout.DUAL));
                }
                if (i == 4) {
                    run.killBridge();
                    Thread.sleep(300);
                    run.restartBridge();
                }
                steps.add(run.move(engine, Layout.DUAL));
                assertThat(run.migration().layoutOf(engine)).isEqualTo("dual");
            }
            assertThat(run.replayed())
                    .as("the replay was still running at the last step")
                    .isLessThan(TRADES.size());
            run.awaitQuiet(Duration.ofSeconds(60));
            run.finish();

            OutputTally outputs = run.outputs();
            assertThat(outputs.duplicates())
                    .as(
                            "outputs received twice, by id: %s; steps %s",
                            outputs.duplicateSamples(),
                            steps.stream().map(StepReport::summary).toList())
                    .isZero();
            for (String prefix : List.of("strategy.", "portfolio.", "risk.", "collateral.")) {
                assertThat(outputs.payloads(prefix)).as(prefix).isEqualTo(reference.payloads(prefix));
            }
            assertThat(steps)
                    .allSatisfy(s -> assertThat(s.overlap()).as(s.summary()).isZero());
            List<RedisFigures> figures = run.migration().status();
            assertThat(figures.getFirst().engineConnections())
                    .as("engine connections on the main Redis")
                    .isZero();
            assertThat(figures.subList(1, 3))
                    .allSatisfy(
                            f -> assertThat(f.failedXreadgroup()).as(f.name()).isZero());
            assertThat(run.migration().finished()).isTrue();
        }
    }
}

package dev.nautilus.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every chaos scenario but the soak, in its short form, against real Redis servers, child JVMs, a
 * PostgreSQL of its own and a network namespace: the promise holds and the JSON carries the
 * figures. Effects are counted by id in the {@link EffectLedger}, never collected into a set.
 */
class ChaosScenariosTest {

    private static final Path OUT = Path.of("target", "chaos");

    private static ChaosResult run(String name) throws Exception {
        ChaosResult result = ChaosScenario.named(name).orElseThrow().run(ChaosOptions.forTests());
        Path file = result.write(OUT);
        JsonNode json = JsonMapper.builder().build().readTree(file.toFile());
        for (String field : new String[] {"published", "handled_unique", "lost", "duplicate_effects", "recovery_ms"}) {
            assertThat(json.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(json.get("passed").asBoolean()).as(result.summary()).isTrue();
        assertThat(result.published()).isPositive();
        assertThat(result.duplicateEffects()).as("duplicate effects").isZero();
        return result;
    }

    private static long number(ChaosResult result, String figure) {
        return ((Number) result.figures().get(figure)).longValue();
    }

    @Test
    void consumerKill() throws Exception {
        ChaosResult result = run("consumer-kill");
        assertThat(result.lost()).isZero();
        assertThat(result.handledUnique()).isEqualTo(result.published());
    }

    @Test
    void pause() throws Exception {
        ChaosResult result = run("pause");
        assertThat(result.lost()).isZero();
        assertThat(result.handledUnique()).isEqualTo(result.published());
    }

    @Test
    void consumePublishCrash() throws Exception {
        ChaosResult result = run("consume-publish-crash");
        assertThat(result.figures().get("inputs_without_outputs")).isEqualTo(0L);
        assertThat(result.figures().get("kills_during_replay"))
                .isEqualTo(result.figures().get("kills"));
    }

    @Test
    void publisherKill() throws Exception {
        ChaosResult result = run("publisher-kill");
        assertThat(number(result, "acknowledged_without_output")).isZero();
        assertThat(result.lost()).isZero();
    }

    @Test
    void postgresRestart() throws Exception {
        ChaosResult result = run("postgres-restart");
        assertThat(number(result, "stored_rows")).isEqualTo(number(result, "trades"));
        assertThat(result.recoveryMs()).isBetween(0L, 10_000L);
    }

    @Test
    void redisRestart() throws Exception {
        ChaosResult result = run("redis-restart");
        assertThat(number(result, "marketdata_lost")).isZero();
        assertThat(number(result, "enginelogic_lost"))
                .as("the loss equals what the restart dropped")
                .isEqualTo(number(result, "enginelogic_undelivered_dropped_by_restart"))
                .isPositive();
    }

    @Test
    void partition() throws Exception {
        ChaosResult result = run("partition");
        assertThat(result.lost()).isZero();
        assertThat(result.recoveryMs()).isBetween(0L, 5_000L);
    }

    @Test
    void redisOom() throws Exception {
        ChaosResult result = run("redis-oom");
        assertThat(number(result, "refused_with_back_pressure"))
                .as("a full Redis pushes back")
                .isEqualTo(1);
        assertThat(number(result, "poison_attempts_total"))
                .as("handled once per allowed delivery, not again while its dead letter is refused")
                .isEqualTo(number(result, "max_deliveries"));
        assertThat(result.lost()).isZero();
    }

    @Test
    void groupDestroyed() throws Exception {
        ChaosResult result = run("group-destroyed");
        assertThat(number(result, "redelivered")).isZero();
        assertThat(result.handledUnique()).isEqualTo(result.published());
    }

    @Test
    void slowConsumer() throws Exception {
        ChaosResult result = run("slow-consumer");
        assertThat(number(result, "trimmed_before_delivery"))
                .as("the trimmed count equals the loss by id")
                .isEqualTo(result.lost())
                .isEqualTo(number(result, "trimmed_meter"))
                .isPositive();
    }
}

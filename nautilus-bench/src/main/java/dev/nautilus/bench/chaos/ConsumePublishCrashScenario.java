package dev.nautilus.bench.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code consume-publish-crash}: a republisher (consume an input, publish its output) replays a
 * stream and is killed with SIGKILL again and again, each time restarted under its name, as a
 * supervisor would. Outputs carry an id derived from their input's, so the downstream sink drops a
 * repeated output by id. Promise: every input has its output, and no effect downstream is applied
 * twice; the outputs written twice to the stream are counted (what the kills cost).
 */
final class ConsumePublishCrashScenario implements ChaosScenario {

    @Override
    public String name() {
        return "consume-publish-crash";
    }

    @Override
    public String description() {
        return "a consume-A/publish-B engine killed 10 times during a replay: inputs without outputs 0, duplicate effects 0";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        // Under the stream cap (bus.stream_maxlen, 100,000): more would be trimmed before the replay reads it.
        int inputs = options.shortForm() ? 20_000 : 90_000;
        int kills = options.shortForm() ? 3 : 10;
        try (ChaosRig rig = ChaosRig.start(options);
                OutputSink sink = new OutputSink(rig.publisher, rig.verify.url())) {
            for (int i = 0; i < inputs; i++) {
                rig.publish(i);
            }
            ChaosBus.awaitConfirmed(rig.publisher, Duration.ofSeconds(60));
            int killedDuringReplay = 0;
            long lastKill = 0;
            long part = inputs / (kills + 1);
            for (int k = 0; k < kills; k++) {
                ChildJvm engine = rig.republisher("republisher");
                // Killed once the engine has read past the next of kills + 1 equal parts of the replay
                // (and up to a quarter part more, at random), so that every kill lands mid-replay
                // however fast the machine is: a fixed pause let a quiet machine finish the replay
                // before the second kill.
                long target = part * (k + 1) + ThreadLocalRandom.current().nextLong(part / 4);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (rig.inputsRead() < target && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                if (rig.inputsRead() < inputs || rig.pending().getCount() > 0) {
                    killedDuringReplay++;
                }
                engine.kill();
                lastKill = System.nanoTime();
            }
            rig.republisher("republisher");
            long wholeMs = rig.drain(sink.ledger, inputs);
            long recoveryMs = wholeMs < 0 ? -1 : (System.nanoTime() - lastKill) / 1_000_000;
            EffectLedger.Tally tally = sink.ledger.tally(rig.sent);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("kills", kills);
            figures.put("kills_during_replay", killedDuringReplay);
            figures.put("inputs_without_outputs", tally.lost());
            figures.put("outputs_written_twice", tally.redelivered());
            return ChaosResult.of(
                    this, options, tally, recoveryMs, wholeMs >= 0 && killedDuringReplay == kills, figures);
        }
    }
}

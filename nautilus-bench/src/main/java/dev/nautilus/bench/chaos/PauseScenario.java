package dev.nautilus.bench.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pause}: one of two sink consumers is frozen with SIGSTOP for longer than the claim idle
 * time, then continued with SIGCONT; meanwhile the other claims what it held. The frozen one wakes
 * up with a batch already claimed from it. Promise: lost 0, duplicate effects 0.
 */
final class PauseScenario implements ChaosScenario {

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public String description() {
        return "SIGSTOP of a consumer for 5x the claim idle time, then SIGCONT: lost 0, duplicate effects 0";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int rate = options.shortForm() ? 2_000 : 10_000;
        int seconds = options.shortForm() ? 5 : 10;
        Duration frozen = ChaosRig.CLAIM_IDLE.multipliedBy(options.shortForm() ? 3 : 5);
        try (ChaosRig rig = ChaosRig.start(options)) {
            ChildJvm victim = rig.sink("sink-1");
            rig.sink("sink-2");
            Thread publishing = rig.publishInBackground(0, (long) rate * seconds, rate);
            Thread.sleep(seconds * 250L);
            victim.stop();
            long stoppedAt = System.nanoTime();
            long pendingAtStop = rig.pendingOf(victim.name());
            long claimedMs = ChaosRig.await(frozen, () -> rig.pendingOf(victim.name()) == 0);
            Thread.sleep(Math.max(0, frozen.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
            victim.resume();
            publishing.join();
            long wholeMs = rig.drain(rig.ledger, rig.sent.size());
            EffectLedger.Tally tally = rig.ledger.tally(rig.sent);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rate_per_s", rate);
            figures.put("stopped_ms", frozen.toMillis());
            figures.put("claim_idle_ms", ChaosRig.CLAIM_IDLE.toMillis());
            figures.put("victim_pending_at_stop", pendingAtStop);
            figures.put("victim_pending_claimed_while_stopped_ms", claimedMs);
            figures.put("drained_after_publishing_ms", wholeMs);
            figures.put("refused", rig.refused.get());
            return ChaosResult.of(
                    this, options, tally, claimedMs, claimedMs >= 0 && wholeMs >= 0 && rig.refused.get() == 0, figures);
        }
    }
}

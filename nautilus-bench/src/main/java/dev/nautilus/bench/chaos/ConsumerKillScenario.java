package dev.nautilus.bench.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code consumer-kill}: two sink consumers of one group take inputs at a fixed rate; one is killed
 * with SIGKILL halfway; the other claims its pending entries. Promise: lost 0, duplicate effects 0.
 */
final class ConsumerKillScenario implements ChaosScenario {

    @Override
    public String name() {
        return "consumer-kill";
    }

    @Override
    public String description() {
        return "kill -9 of one of two consumers at 10,000 msg/s; the other claims its pending: lost 0, duplicate effects 0";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int rate = options.shortForm() ? 2_000 : 10_000;
        int seconds = options.shortForm() ? 4 : 10;
        long count = (long) rate * seconds;
        try (ChaosRig rig = ChaosRig.start(options)) {
            ChildJvm victim = rig.sink("sink-1");
            rig.sink("sink-2");
            Thread publishing = rig.publishInBackground(0, count, rate);
            Thread.sleep(seconds * 500L);
            long pendingBefore = rig.pendingOf(victim.name());
            victim.kill();
            long victimPendingAtKill = rig.pendingOf(victim.name());
            long claimedMs = ChaosRig.await(Duration.ofSeconds(60), () -> rig.pendingOf(victim.name()) == 0);
            publishing.join();
            long wholeMs = rig.drain(rig.ledger, rig.sent.size());
            EffectLedger.Tally tally = rig.ledger.tally(rig.sent);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rate_per_s", rate);
            figures.put("victim_pending_before_kill", pendingBefore);
            figures.put("victim_pending_at_kill", victimPendingAtKill);
            figures.put("victim_pending_claimed_ms", claimedMs);
            figures.put("claim_idle_ms", ChaosRig.CLAIM_IDLE.toMillis());
            figures.put("drained_after_publishing_ms", wholeMs);
            figures.put("refused", rig.refused.get());
            return ChaosResult.of(
                    this, options, tally, claimedMs, claimedMs >= 0 && wholeMs >= 0 && rig.refused.get() == 0, figures);
        }
    }
}

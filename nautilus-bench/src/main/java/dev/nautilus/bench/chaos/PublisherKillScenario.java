package dev.nautilus.bench.chaos;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code publisher-kill}: a republisher's output Redis is paused ({@code CLIENT PAUSE … WRITE}), so
 * its outputs cannot be confirmed, while 50,000 inputs are published to it; then it is killed with
 * SIGKILL. The inputs acknowledged at that moment are read from Redis (the group's delivered
 * entries minus its pending ones); once the output Redis is back, each of them must have its
 * output. Then a new instance takes over the rest. Promise: lost 0 among acknowledged inputs.
 */
final class PublisherKillScenario implements ChaosScenario {

    @Override
    public String name() {
        return "publisher-kill";
    }

    @Override
    public String description() {
        return "output Redis paused (CLIENT PAUSE WRITE), 50,000 published, the publishing engine killed: lost 0 among acknowledged inputs";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int before = 1_000;
        int during = options.shortForm() ? 5_000 : 50_000;
        try (ChaosRig rig = ChaosRig.start(options);
                OutputSink sink = new OutputSink(rig.publisher, rig.verify.url())) {
            ChildJvm engine = rig.republisher("republisher-1");
            for (int i = 0; i < before; i++) {
                rig.publish(i);
            }
            if (ChaosRig.await(Duration.ofSeconds(60), () -> sink.ledger.effects() >= before) < 0) {
                throw new IllegalStateException("the republisher did not handle the first " + before + " inputs");
            }
            rig.engineLogic.command("CLIENT", "PAUSE", "120000", "WRITE");
            long pausedAt = System.nanoTime();
            for (int i = before; i < before + during; i++) {
                rig.publish(i);
            }
            ChaosBus.awaitConfirmed(rig.publisher, Duration.ofSeconds(60));
            Thread.sleep(1_000);
            engine.kill();
            Set<String> acked = acknowledged(rig);
            long pendingAtKill = rig.pending().getCount();
            rig.engineLogic.command("CLIENT", "UNPAUSE");
            long pausedMs = (System.nanoTime() - pausedAt) / 1_000_000;
            // Whatever reached the output Redis before the kill is delivered to the sink now.
            Thread.sleep(2_000);
            EffectLedger.Tally ofAcked = sink.ledger.tally(acked);
            long unpausedAt = System.nanoTime();
            rig.republisher("republisher-2");
            long wholeMs = rig.drain(sink.ledger, rig.sent.size());
            long recoveryMs = wholeMs < 0 ? -1 : (System.nanoTime() - unpausedAt) / 1_000_000;
            EffectLedger.Tally tally = sink.ledger.tally(rig.sent);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("published_while_paused", during);
            figures.put("paused_ms", pausedMs);
            figures.put("acknowledged_at_kill", acked.size());
            figures.put("pending_at_kill", pendingAtKill);
            figures.put("acknowledged_without_output", ofAcked.lost());
            figures.put("outputs_written_twice", tally.redelivered());
            return ChaosResult.of(
                    this,
                    options,
                    tally,
                    recoveryMs,
                    ofAcked.lost() == 0 && wholeMs >= 0 && acked.size() >= before,
                    figures);
        }
    }

    /** The message ids of the inputs the group has acknowledged: delivered to it and not pending. */
    private static Set<String> acknowledged(ChaosRig rig) {
        RedisCommands<String, String> redis = rig.marketDataRedis();
        String stream = rig.inputs();
        Set<String> pending = new HashSet<>();
        for (PendingMessage entry :
                redis.xpending(stream, ChaosRig.GROUP, Range.create("-", "+"), Limit.from(1_000_000))) {
            pending.add(entry.getId());
        }
        String lastDelivered = lastDelivered(redis, stream);
        Set<String> acked = new HashSet<>();
        if (lastDelivered == null) {
            return acked;
        }
        List<StreamMessage<String, String>> delivered = redis.xrange(stream, Range.create("-", lastDelivered));
        for (StreamMessage<String, String> entry : delivered) {
            if (!pending.contains(entry.getId())) {
                acked.add(entry.getBody().get("id"));
            }
        }
        return acked;
    }

    private static String lastDelivered(RedisCommands<String, String> redis, String stream) {
        for (Object group : redis.xinfoGroups(stream)) {
            List<?> fields = (List<?>) group;
            Map<String, Object> info = new LinkedHashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                info.put(String.valueOf(fields.get(i)), fields.get(i + 1));
            }
            if (ChaosRig.GROUP.equals(String.valueOf(info.get("name")))) {
                return String.valueOf(info.get("last-delivered-id"));
            }
        }
        return null;
    }
}

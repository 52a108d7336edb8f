package dev.nautilus.bench.chaos;

import dev.nautilus.bus.MessageType;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * {@code redis-restart}: each bus's Redis is killed (SIGKILL: no shutdown save) and started again
 * on its port and directory, with a batch of messages published and confirmed but not yet read
 * (their consumer is stopped with SIGSTOP). The MarketData Redis runs with {@code appendonly yes,
 * appendfsync always}: it loses nothing. The Engine Logic Redis runs without persistence, as the
 * seeds have it: it loses exactly what it held unread, and this scenario measures that window
 * instead of hiding it — the loss must equal the entries the restart dropped.
 */
final class RedisRestartScenario implements ChaosScenario {

    static final String FSYNC = "always";

    @Override
    public String name() {
        return "redis-restart";
    }

    @Override
    public String description() {
        return "each bus Redis killed and restarted: the AOF MarketData bus loses 0; the Engine Logic bus without persistence: its loss window measured and reported";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int batch = options.shortForm() ? 2_000 : 20_000;
        try (ChaosRig rig =
                ChaosRig.start(options, List.of("--appendonly", "yes", "--appendfsync", FSYNC), List.of())) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("marketdata_persistence", "appendonly yes, appendfsync " + FSYNC);
            figures.put("enginelogic_persistence", "none");
            Phase md = restart(
                    rig,
                    rig.marketDataServer(),
                    rig.sink("md-sink"),
                    rig.ledger,
                    rig.inputs(),
                    ChaosRig.GROUP,
                    i -> rig.publish(i).id(),
                    batch);
            EffectLedger elLedger = new EffectLedger(rig.verify.url(), "chaos-el");
            try (elLedger) {
                Phase el = restart(
                        rig,
                        rig.engineLogic,
                        rig.child("el-sink", "chaos-el", ChaosConsumer.Mode.sink, MessageType.STRATEGY_SIGNAL),
                        elLedger,
                        ChaosBus.streamOf(rig.publisher, MessageType.STRATEGY_SIGNAL),
                        "chaos-el",
                        i -> {
                            var output = ChaosBus.output(ChaosBus.input(i));
                            rig.publisher.publish(output);
                            return ChaosBus.inputOf(output);
                        },
                        batch);
                md.report("marketdata", figures);
                el.report("enginelogic", figures);
                boolean passed = md.tally.whole()
                        && md.recoveryMs >= 0
                        && el.recoveryMs >= 0
                        && el.tally.duplicateEffects() == 0
                        && el.tally.unexpected() == 0
                        && el.tally.lost() == el.droppedUnread
                        && el.lostIds == el.tally.lost();
                return new ChaosResult(
                        name(),
                        options.shortForm(),
                        md.tally.sent() + el.tally.sent(),
                        md.tally.handledUnique() + el.tally.handledUnique(),
                        md.tally.lost() + el.tally.lost(),
                        md.tally.duplicateEffects() + el.tally.duplicateEffects(),
                        Math.max(md.recoveryMs, el.recoveryMs),
                        passed,
                        figures);
            }
        }
    }

    /** What one restart did. */
    private record Phase(
            EffectLedger.Tally tally,
            long deliveredUnackedAtKill,
            long droppedUnread,
            long lostIds,
            long lengthBefore,
            long lengthAfter,
            long recoveryMs) {

        void report(String bus, Map<String, Object> figures) {
            figures.put(bus + "_published", tally.sent());
            figures.put(bus + "_delivered_unacked_at_kill", deliveredUnackedAtKill);
            figures.put(bus + "_undelivered_dropped_by_restart", droppedUnread);
            figures.put(bus + "_stream_length_before_kill", lengthBefore);
            figures.put(bus + "_stream_length_after_restart", lengthAfter);
            figures.put(bus + "_lost", tally.lost());
            figures.put(bus + "_lost_among_unread_at_kill", lostIds);
            figures.put(bus + "_duplicate_effects", tally.duplicateEffects());
            figures.put(bus + "_redelivered", tally.redelivered());
            figures.put(bus + "_recovery_ms", recoveryMs);
        }
    }

    /**
     * Publishes a batch that is handled, stops the consumer, publishes a batch it cannot read, kills
     * and restarts the server, continues the consumer, publishes a third batch and waits until it is
     * handled. {@code publish} publishes message {@code i} and returns the id its effect is keyed by.
     */
    private static Phase restart(
            ChaosRig rig,
            RedisServer server,
            ChildJvm consumer,
            EffectLedger ledger,
            String stream,
            String group,
            LongFunction<String> publish,
            int batch)
            throws Exception {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < batch; i++) {
            sent.add(publish.apply(i));
        }
        ChaosBus.awaitConfirmed(rig.publisher, Duration.ofSeconds(60));
        if (ChaosRig.await(Duration.ofSeconds(60), () -> ledger.effects() >= batch) < 0) {
            throw new IllegalStateException(consumer.name() + " did not handle the first batch");
        }
        consumer.stop();
        Set<String> unread = new HashSet<>();
        for (int i = batch; i < 2 * batch; i++) {
            String id = publish.apply(i);
            sent.add(id);
            unread.add(id);
        }
        ChaosBus.awaitConfirmed(rig.publisher, Duration.ofSeconds(60));
        long lengthBefore = server.redis().xlen(stream);
        // A stopped consumer may still have been handed entries (its blocked read was answered): those
        // are in its socket, not only in Redis, and it handles them once continued.
        long deliveredUnacked = server.redis().xpending(stream, group).getCount();
        server.kill();
        server.restart();
        long restartedAt = System.nanoTime();
        long lengthAfter = server.redis().xlen(stream);
        consumer.resume();
        Set<String> after = new HashSet<>();
        for (int i = 2 * batch; i < 3 * batch; i++) {
            String id = publish.apply(i);
            sent.add(id);
            after.add(id);
        }
        long recoveryMs = ChaosRig.await(
                Duration.ofSeconds(120), () -> ledger.tally(after).lost() == 0);
        if (recoveryMs >= 0) {
            recoveryMs = (System.nanoTime() - restartedAt) / 1_000_000;
        }
        // What survived the restart is handled by now too, or never will be: give it the same time.
        ChaosRig.await(Duration.ofSeconds(10), () -> ledger.tally(unread).lost() == 0);
        EffectLedger.Tally tally = ledger.tally(sent);
        // A restart drops a suffix of the stream (everything without persistence): the unread entries are its end.
        long droppedUnread = Math.min(unread.size() - deliveredUnacked, Math.max(0, lengthBefore - lengthAfter));
        return new Phase(
                tally,
                deliveredUnacked,
                droppedUnread,
                ledger.tally(unread).lost(),
                lengthBefore,
                lengthAfter,
                recoveryMs);
    }
}

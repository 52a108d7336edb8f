package dev.nautilus.bench.chaos;

import dev.nautilus.bench.FixedRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code soak}: the whole pipeline — a publisher, two republishers in child JVMs (consume
 * MarketData, publish Engine Logic), a sink downstream — on Redis for {@code --minutes N}, with a
 * random fault every minute: a republisher killed (and restarted, as a supervisor would), one
 * paused with SIGSTOP past the claim idle time, the MarketData Redis killed and restarted (AOF), or
 * the MarketData Redis cut off by a network partition. Promise: lost 0, duplicate effects 0, and
 * this process's threads, file descriptors and heap flat within 10 % from the first minute to the
 * last. Not part of the tests: it is long by design.
 */
final class SoakScenario implements ChaosScenario {

    private enum Fault {
        KILL,
        PAUSE,
        RESTART,
        PARTITION
    }

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String description() {
        return "--minutes N (default 30) of the whole pipeline with a random fault every minute (kill, pause, restart, partition): lost 0, duplicate effects 0, threads/fds/heap flat within 10 %";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int rate = 1_000;
        int minutes = options.minutes();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (NetnsRedis md = NetnsRedis.start();
                ChaosRig rig = ChaosRig.startWith(options, md);
                OutputSink sink = new OutputSink(rig.publisher, rig.verify.url())) {
            ChildJvm[] engines = {rig.republisher("republisher-a"), rig.republisher("republisher-b")};
            String run = "soak" + Long.toString(seed & 0xFFFFFF, 36);
            long count = (long) rate * 60 * minutes;
            Thread publishing = Thread.ofPlatform().name("soak-publisher").start(() -> {
                try {
                    FixedRate.run(count, rate, 0, (i, intended) -> {
                        var input = dev.nautilus.bus.Message.builder(
                                        dev.nautilus.bus.MessageType.MARKET_DATA, "market_data.trade.CHAOS")
                                .id(NumberedIds.id(run, i))
                                .source("chaos")
                                .payload(Map.of("i", i))
                                .build();
                        ChaosBus.publishPatiently(rig.publisher, input);
                    });
                } catch (Exception e) {
                    throw new IllegalStateException("soak publisher failed: " + e.getMessage(), e);
                }
            });
            Set<String> sent = new NumberedIds(run, count);
            List<String> faults = new ArrayList<>();
            ProcessGauges first = null;
            java.util.SortedSet<String> threadsFirst = new java.util.TreeSet<>();
            long start = System.nanoTime();
            long worstRecovery = 0;
            for (int minute = 0; minute < minutes; minute++) {
                sleepUntil(start + Duration.ofMinutes(minute).plusSeconds(20).toNanos());
                Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
                int victim = random.nextInt(engines.length);
                inject(fault, victim, engines, rig, md);
                long effectsAtEnd = sink.ledger.effects();
                long recoveredMs =
                        ChaosRig.await(Duration.ofSeconds(30), () -> sink.ledger.effects() > effectsAtEnd + rate);
                worstRecovery = Math.max(worstRecovery, recoveredMs < 0 ? Long.MAX_VALUE : recoveredMs);
                faults.add("minute " + (minute + 1) + ": " + fault.name().toLowerCase(java.util.Locale.ROOT)
                        + (fault == Fault.KILL || fault == Fault.PAUSE ? " " + engines[victim].name() : "")
                        + ", flowing again after " + recoveredMs + " ms");
                if (minute == 0) {
                    first = ProcessGauges.now();
                    threadsFirst = ProcessGauges.threadNames();
                }
                System.out.println("soak " + faults.getLast() + " " + ProcessGauges.now());
            }
            publishing.join();
            long wholeMs = rig.drain(sink.ledger, count);
            ProcessGauges last = ProcessGauges.now();
            EffectLedger.Tally tally = sink.ledger.tally(sent);
            boolean flat = first != null && first.flatWithin(last, 0.10);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("minutes", minutes);
            figures.put("rate_per_s", rate);
            figures.put("seed", seed);
            figures.put("faults", faults);
            figures.put("gauges_after_first_minute", first);
            figures.put("gauges_at_end", last);
            figures.put("flat_within_10_percent", flat);
            java.util.SortedSet<String> added = ProcessGauges.threadNames();
            added.removeAll(threadsFirst);
            figures.put(
                    "threads_new_since_first_minute", added.stream().limit(50).toList());
            figures.put("outputs_written_twice", tally.redelivered());
            figures.put("drained_ms", wholeMs);
            return ChaosResult.of(this, options, tally, worstRecovery, flat && wholeMs >= 0, figures);
        }
    }

    /** Injects the fault and undoes it (a killed republisher is started again). */
    private static void inject(Fault fault, int victim, ChildJvm[] engines, ChaosRig rig, NetnsRedis md)
            throws Exception {
        switch (fault) {
            case KILL -> {
                engines[victim].kill();
                engines[victim] = rig.republisher(engines[victim].name());
            }
            case PAUSE -> {
                engines[victim].stop();
                Thread.sleep(ChaosRig.CLAIM_IDLE.multipliedBy(3).toMillis());
                engines[victim].resume();
            }
            case RESTART -> md.restart();
            case PARTITION -> {
                md.cut(NetnsRedis.Cut.BOTH);
                Thread.sleep(10_000);
                md.heal();
            }
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
    }
}

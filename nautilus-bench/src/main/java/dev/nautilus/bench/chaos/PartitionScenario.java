package dev.nautilus.bench.chaos;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.TransportStatus;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partition}: the MarketData Redis sits behind a network namespace; while inputs flow from
 * this process to a sink consumer in a child JVM, the link is cut (packets dropped silently) both
 * ways, then towards the server only, then from the server only. Promise per cut: the publisher
 * reports the bus down within twice the command timeout, its heap stays bounded (by the publish
 * buffer, {@code bus.max_buffered_while_down}), nothing accepted is lost, and delivery resumes within
 * 5 s of the link's return.
 */
final class PartitionScenario implements ChaosScenario {

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public String description() {
        return "the MarketData Redis cut off for 30 s (network namespace; both ways, then each way): detected within 2x the command timeout, heap bounded, lost 0, recovered within 5 s";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        // A rate the sink keeps up with on a shared machine: a backlog beyond the stream cap would be trimmed.
        int rate = 1_000;
        // At least long enough to be detected within its bound, on a loaded machine too.
        Duration cutFor = Duration.ofSeconds(options.shortForm() ? 5 : 30);
        List<NetnsRedis.Cut> cuts = List.of(NetnsRedis.Cut.BOTH, NetnsRedis.Cut.TO_SERVER, NetnsRedis.Cut.FROM_SERVER);
        long detectBound = ChaosRig.COMMAND_TIMEOUT.multipliedBy(2).toMillis();
        try (NetnsRedis md = NetnsRedis.start();
                ChaosRig rig = ChaosRig.startWith(options, md)) {
            rig.sink("sink-1");
            Thread publishing = rig.publishInBackground(0, Long.MAX_VALUE, rate);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rate_per_s", rate);
            figures.put("cut_ms", cutFor.toMillis());
            figures.put("command_timeout_ms", ChaosRig.COMMAND_TIMEOUT.toMillis());
            boolean held = true;
            long worstRecovery = 0;
            long heapBefore = heapAfterGc();
            long heapPeak = heapBefore;
            for (NetnsRedis.Cut cut : cuts) {
                Thread.sleep(options.shortForm() ? 1_000 : 3_000);
                String key = cut.name().toLowerCase(java.util.Locale.ROOT);
                md.cut(cut);
                long cutAt = System.nanoTime();
                long detectedMs =
                        ChaosRig.await(cutFor, () -> !publisherStatus(rig).connected());
                Thread.sleep(Math.max(0, cutFor.toMillis() - (System.nanoTime() - cutAt) / 1_000_000));
                long heapCut = heapAfterGc();
                heapPeak = Math.max(heapPeak, heapCut);
                long effectsAtHeal = rig.ledger.effects();
                md.heal();
                long recoveredMs = ChaosRig.await(
                        Duration.ofSeconds(60),
                        () -> publisherStatus(rig).connected() && rig.ledger.effects() > effectsAtHeal);
                figures.put(key + "_detected_ms", detectedMs);
                figures.put(key + "_recovered_ms", recoveredMs);
                figures.put(key + "_heap_mib_at_end_of_cut", heapCut >> 20);
                held &= detectedMs >= 0 && detectedMs <= detectBound && recoveredMs >= 0 && recoveredMs <= 5_000;
                worstRecovery = Math.max(worstRecovery, recoveredMs < 0 ? Long.MAX_VALUE : recoveredMs);
            }
            Thread.sleep(1_000);
            rig.stopPublishing(publishing);
            long wholeMs = rig.drain(rig.ledger, rig.sent.size());
            long heapAfter = heapAfterGc();
            EffectLedger.Tally tally = rig.ledger.tally(rig.sent);
            figures.put("heap_mib_before", heapBefore >> 20);
            figures.put("heap_mib_peak_during_cuts", heapPeak >> 20);
            figures.put("heap_mib_after", heapAfter >> 20);
            figures.put("refused_by_back_pressure", rig.refused.get());
            figures.put("outages_seen_by_publisher", outages(rig));
            figures.put("drained_ms", wholeMs);
            // Bounded: the buffer holds at most 100,000 messages of about 300 bytes each.
            boolean heapBounded = heapPeak - heapBefore < 256L << 20;
            figures.put("heap_bounded", heapBounded);
            return ChaosResult.of(this, options, tally, worstRecovery, held && heapBounded && wholeMs >= 0, figures);
        }
    }

    private static TransportStatus publisherStatus(ChaosRig rig) {
        return rig.publisher.transport(Bus.MARKETDATA).status();
    }

    private static long outages(ChaosRig rig) {
        return ((dev.nautilus.bus.redis.RedisTransport) rig.publisher.transport(Bus.MARKETDATA)).outages();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

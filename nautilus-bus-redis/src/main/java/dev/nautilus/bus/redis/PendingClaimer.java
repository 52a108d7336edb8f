package dev.nautilus.bus.redis;

import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.delivery.DeliveryOutcome;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the entries that other consumers of the group (dead ones) left pending longer than
 * {@code claimIdle} ({@code XAUTOCLAIM}) and delivers them; the deliveries those consumers used
 * count towards the limit, so an entry that killed every consumer that took it ends in the dead
 * letters instead of going round for ever. The first look at every lane is one pipelined round
 * trip; only lanes with more to claim take further ones.
 */
final class PendingClaimer {

    private static final Logger LOG = LoggerFactory.getLogger(PendingClaimer.class);
    private static final String START = "0-0";
    /** Pages per lane and claim round: a bound, so that reading new entries is never held up for long. */
    private static final int MAX_PAGES = 100;

    private final SubscriptionSpec spec;
    private final Collection<String> lanes;
    private final StreamOperations streams;
    private final EntryDelivery delivery;
    private final RedisBusConfig config;
    private final BooleanSupplier running;

    PendingClaimer(
            SubscriptionSpec spec,
            Collection<String> lanes,
            StreamOperations streams,
            EntryDelivery delivery,
            RedisBusConfig config,
            BooleanSupplier running) {
        this.spec = spec;
        this.lanes = lanes;
        this.streams = streams;
        this.delivery = delivery;
        this.config = config;
        this.running = running;
    }

    /** One claim round over every lane; a handler's {@code Error} ends it early and is returned. */
    Optional<DeliveryOutcome.RedeliverLater> claimFromDeadConsumers() {
        Map<String, String> starts = new LinkedHashMap<>();
        lanes.forEach(lane -> starts.put(lane, START));
        Map<String, StreamOperations.ClaimedEntries> firstPages = claim(starts);
        for (Map.Entry<String, StreamOperations.ClaimedEntries> lane : firstPages.entrySet()) {
            String stream = lane.getKey();
            StreamOperations.ClaimedEntries page = lane.getValue();
            int pages = 0;
            while (running.getAsBoolean()) {
                if (!page.entries().isEmpty()) {
                    LOG.info(
                            "group {} consumer {} claimed {} pending entries of {} from dead consumers",
                            spec.group(),
                            spec.consumer(),
                            page.entries().size(),
                            stream);
                    Optional<DeliveryOutcome.RedeliverLater> interrupted = deliver(stream, page.entries());
                    if (interrupted.isPresent()) {
                        return interrupted;
                    }
                }
                if (START.equals(page.cursor()) || ++pages >= MAX_PAGES) {
                    break;
                }
                page = claim(Map.of(stream, page.cursor())).get(stream);
            }
        }
        return Optional.empty();
    }

    private Map<String, StreamOperations.ClaimedEntries> claim(Map<String, String> cursors) {
        return streams.autoClaim(spec.group(), spec.consumer(), config.claimIdle(), config.readCount(), cursors);
    }

    private Optional<DeliveryOutcome.RedeliverLater> deliver(String stream, List<RawStreamEntry> claimed) {
        String first = claimed.get(0).id();
        String last = claimed.get(claimed.size() - 1).id();
        Map<String, Long> deliveries =
                streams.deliveryCounts(stream, spec.group(), spec.consumer(), first, last, claimed.size() * 2L);
        // XAUTOCLAIM already counted this delivery; earlier ones are what the dead consumers used.
        return delivery.deliverAll(claimed, entry -> Math.max(0, deliveries.getOrDefault(entry.id(), 1L) - 1));
    }
}

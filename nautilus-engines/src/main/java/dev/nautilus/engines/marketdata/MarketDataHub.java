package dev.nautilus.engines.marketdata;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.topics.MarketDataTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MarketData hub (port 8800): validates trades from any feed, builds one-minute bars, keeps the
 * last-value cache and publishes on the MarketData bus.
 *
 * <p>Per accepted trade: {@code MARKET_DATA} on {@code market_data.trade.<instrument>}. When a trade
 * completes a bar, the bar is published first ({@code market_data.bar.<instrument>}, then
 * {@code PRICE_UPDATE} on {@code price.update.<instrument>} with its close), so a consumer of the one
 * ordered market-data stream sees a bar before the trade that opened the next interval. Price
 * updates are per bar, not per trade: every consumer that wants per-trade prices already reads the
 * trades, and doubling the MarketData bus traffic would buy nothing.
 *
 * <p>Bad input (NaN or non-positive price or size, time going backwards) is rejected here, counted
 * per reason ({@code nautilus.marketdata.rejected}) and logged, never published and never fatal.
 * {@link #ingest} is synchronized: several feeds may share a hub.
 */
public final class MarketDataHub implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataHub.class);
    /** One-minute bars. */
    public static final long BAR_MICROS = 60_000_000L;

    private final EngineWiring wiring;
    private final TradeValidator validator = new TradeValidator();
    private final TimeBarAggregator bars = new TimeBarAggregator(BAR_MICROS);
    private final LastValueCache cache = new LastValueCache();
    private final Map<Validation.Reason, AtomicLong> rejections = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong barCount = new AtomicLong();
    private final Map<String, Long> lastBarEnd = new java.util.HashMap<>();
    private volatile BusEndpoint endpoint;
    private MeterRegistry meters;
    private Counter accepted;
    private PatientPublisher publisher;

    /** A hub with the default wiring. */
    public MarketDataHub() {
        this.wiring = EngineMatrix.of(EngineMatrix.MARKETDATA);
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        this.endpoint = context.endpoint();
        this.meters = context.meters();
        this.accepted = Counter.builder("nautilus.marketdata.accepted")
                .description("Trades the hub accepted and published")
                .tag("engine", name())
                .register(meters);
        this.publisher = context.publisher();
        FunctionCounter.builder("nautilus.marketdata.cache.hits", cache, LastValueCache::hits)
                .description("Snapshot lookups the last-value cache answered")
                .tag("engine", name())
                .register(meters);
        FunctionCounter.builder("nautilus.marketdata.cache.misses", cache, LastValueCache::misses)
                .description("Snapshot lookups of instruments the cache does not hold")
                .tag("engine", name())
                .register(meters);
    }

    /** Answers snapshot requests from the last-value cache. */
    @Override
    public void onMessage(Message message) {
        if (message.replyTo() == null) {
            return; // a snapshot published without asking for a reply: nothing to answer
        }
        SnapshotRequest request = message.payloadAs(SnapshotRequest.class);
        endpoint.reply(message, snapshot(request.instrument()));
    }

    /** The latest trade and bar of {@code instrument}, counted as cache hits or misses. */
    public MarketSnapshot snapshot(String instrument) {
        return new MarketSnapshot(
                instrument,
                cache.latestTrade(instrument).orElse(null),
                cache.latestBar(instrument).orElse(null));
    }

    /**
     * Validates and publishes one trade (and the bar it completes).
     *
     * @return whether the trade was accepted
     * @throws IllegalStateException before the hub was started
     */
    public synchronized boolean ingest(Trade trade) {
        BusEndpoint out = requireStarted();
        Validation validation = validator.validate(trade);
        if (validation instanceof Validation.Rejected rejected) {
            rejections
                    .computeIfAbsent(rejected.reason(), r -> {
                        AtomicLong count = new AtomicLong();
                        FunctionCounter.builder("nautilus.marketdata.rejected", count, AtomicLong::get)
                                .description("Trades the hub refused, by reason")
                                .tag("engine", name())
                                .tag("reason", r.name().toLowerCase(java.util.Locale.ROOT))
                                .register(meters);
                        return count;
                    })
                    .incrementAndGet();
            LOG.warn(
                    "rejected trade instrument={} reason={} detail={}",
                    trade.instrument(),
                    rejected.reason(),
                    rejected.detail());
            return false;
        }
        accepted.increment();
        bars.onTrade(trade).ifPresent(bar -> publishBar(out, bar));
        cache.put(trade);
        publisher.publish(MessageType.MARKET_DATA, MarketDataTopics.trade(trade.instrument()), trade);
        published.incrementAndGet();
        return true;
    }

    /**
     * Publishes a completed bar from a bar-only source (daily bars of a file), as if the hub had
     * built it: bar, then price update, and the last-value cache. Bars of an instrument must come in
     * time order; a source must not mix bars and trades of one instrument.
     *
     * @throws IllegalArgumentException when the bar starts before the end of the instrument's previous bar
     * @throws IllegalStateException    before the hub was started
     */
    public synchronized void ingestBar(Bar bar) {
        BusEndpoint out = requireStarted();
        Long previousEnd = lastBarEnd.get(bar.instrument());
        if (previousEnd != null && bar.startMicros() < previousEnd) {
            throw new IllegalArgumentException("bar of " + bar.instrument() + " starting " + bar.startMicros()
                    + " overlaps or precedes the previous bar ending " + previousEnd);
        }
        lastBarEnd.put(bar.instrument(), bar.endMicros());
        publishBar(out, bar);
    }

    /**
     * Publishes an instrument's reference data on {@code market_data.instrument.<symbol>}; call it
     * before the instrument's first trade, so consumers of the ordered stream know it by then.
     *
     * @throws IllegalStateException before the hub was started
     */
    public synchronized void publishReference(InstrumentReference reference) {
        requireStarted();
        publisher.publish(MessageType.MARKET_DATA, MarketDataTopics.instrument(reference.symbol()), reference);
        published.incrementAndGet();
    }

    /** Completes and publishes every open bar (end of a replay). */
    public synchronized void flushBars() {
        BusEndpoint out = requireStarted();
        bars.flushAll().forEach(bar -> publishBar(out, bar));
    }

    private void publishBar(BusEndpoint out, Bar bar) {
        cache.put(bar);
        publisher.publish(MessageType.MARKET_DATA, MarketDataTopics.bar(bar.instrument()), bar);
        publisher.publish(
                MessageType.PRICE_UPDATE,
                MarketDataTopics.price(bar.instrument()),
                new PriceUpdate(bar.instrument(), bar.endMicros(), bar.close()));
        published.addAndGet(2);
        barCount.incrementAndGet();
    }

    /** Bars published so far. */
    public long barCount() {
        return barCount.get();
    }

    /** Messages published so far (trades, bars, price updates). */
    public long publishedCount() {
        return published.get();
    }

    /** Rejected trades by reason. */
    public Map<Validation.Reason, Long> rejections() {
        Map<Validation.Reason, Long> copy = new java.util.EnumMap<>(Validation.Reason.class);
        rejections.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }

    /** Trades accepted so far. */
    public long acceptedCount() {
        return validator.acceptedCount();
    }

    /** Cache hit rate in [0, 1]; NaN before any lookup. */
    public double cacheHitRate() {
        long hits = cache.hits();
        long total = hits + cache.misses();
        return total == 0 ? Double.NaN : (double) hits / total;
    }

    /** The last-value cache. */
    public LastValueCache cache() {
        return cache;
    }

    private BusEndpoint requireStarted() {
        BusEndpoint out = endpoint;
        if (out == null) {
            throw new IllegalStateException("market data hub is not started");
        }
        return out;
    }
}

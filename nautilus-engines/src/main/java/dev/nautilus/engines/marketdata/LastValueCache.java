package dev.nautilus.engines.marketdata;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest trade, quote and bar per instrument, for snapshot requests.
 *
 * <p>Thread-safe: the feed writes while request handlers read. A value older than the cached one
 * (by timestamp) does not replace it, so a late, re-delivered message cannot roll the cache back.
 * Every lookup counts as a hit (value present) or a miss (never seen the instrument/kind).
 */
public final class LastValueCache {

    private final ConcurrentMap<String, Trade> trades = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Quote> quotes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bar> bars = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** Caches {@code trade} unless a later trade of the instrument is already cached. */
    public void put(Trade trade) {
        Objects.requireNonNull(trade, "trade");
        trades.merge(
                trade.instrument(), trade, (old, neu) -> neu.timestampMicros() >= old.timestampMicros() ? neu : old);
    }

    /** Caches {@code quote} unless a later quote of the instrument is already cached. */
    public void put(Quote quote) {
        Objects.requireNonNull(quote, "quote");
        quotes.merge(
                quote.instrument(), quote, (old, neu) -> neu.timestampMicros() >= old.timestampMicros() ? neu : old);
    }

    /** Caches {@code bar} unless a later bar (by start) of the instrument is already cached. */
    public void put(Bar bar) {
        Objects.requireNonNull(bar, "bar");
        bars.merge(bar.instrument(), bar, (old, neu) -> neu.startMicros() >= old.startMicros() ? neu : old);
    }

    /** Latest trade of {@code instrument}. */
    public Optional<Trade> latestTrade(String instrument) {
        return count(trades.get(instrument));
    }

    /** Latest quote of {@code instrument}. */
    public Optional<Quote> latestQuote(String instrument) {
        return count(quotes.get(instrument));
    }

    /** Latest bar of {@code instrument}. */
    public Optional<Bar> latestBar(String instrument) {
        return count(bars.get(instrument));
    }

    /** Lookups that found a value. */
    public long hits() {
        return hits.sum();
    }

    /** Lookups that found nothing. */
    public long misses() {
        return misses.sum();
    }

    /** Number of instruments with at least one cached value of any kind. */
    public int instrumentCount() {
        Set<String> all = new HashSet<>(trades.keySet());
        all.addAll(quotes.keySet());
        all.addAll(bars.keySet());
        return all.size();
    }

    private <T> Optional<T> count(T value) {
        (value == null ? misses : hits).increment();
        return Optional.ofNullable(value);
    }
}

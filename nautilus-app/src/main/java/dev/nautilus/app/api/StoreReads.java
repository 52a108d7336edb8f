package dev.nautilus.app.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Reads that make the store compute (bars from every recorded trade) are the API's expensive ones: at
 * most {@code concurrency} run at once, a request beyond that is refused with 429 instead of queueing
 * behind them, and an answer is reused for {@code ttl} by every request for the same thing, so a page
 * polled by many browsers costs one query per {@code ttl}.
 */
final class StoreReads {

    private static final int MAX_CACHED = 256;

    private final Semaphore permits;
    private final long ttlNanos;
    private final Map<Object, Cached> cache = new LinkedHashMap<>(16, 0.75f, true); // guarded by itself

    StoreReads(int concurrency, Duration ttl) {
        this.permits = new Semaphore(concurrency);
        this.ttlNanos = ttl.toNanos();
    }

    /**
     * The cached answer for {@code key} if fresh, else {@code read}'s, computed within the concurrency bound.
     *
     * @throws ApiException 429 when every permit is taken
     */
    @SuppressWarnings("unchecked")
    <T> T read(Object key, Supplier<T> read) {
        long now = System.nanoTime();
        synchronized (cache) {
            Cached hit = cache.get(key);
            if (hit != null && now - hit.at() < ttlNanos) {
                return (T) hit.value();
            }
        }
        if (!permits.tryAcquire()) {
            throw new ApiException(429, "the store is busy with other reads of this kind; retry in a second");
        }
        try {
            T value = read.get();
            synchronized (cache) {
                cache.put(key, new Cached(value, System.nanoTime()));
                if (cache.size() > MAX_CACHED) {
                    cache.remove(cache.keySet().iterator().next());
                }
            }
            return value;
        } finally {
            permits.release();
        }
    }

    private record Cached(Object value, long at) {}
}

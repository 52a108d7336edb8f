package dev.nautilus.engines.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastValueCacheTest {

    @Test
    void keepsTheLatestValuePerInstrumentAndCountsHitsAndMisses() {
        LastValueCache cache = new LastValueCache();
        assertThat(cache.latestTrade("A")).isEmpty();
        cache.put(Trade.of("A", 10, 100, 1));
        cache.put(Trade.of("A", 5, 90, 1)); // late re-delivery: ignored
        cache.put(Trade.of("B", 1, 50, 1));
        cache.put(new Quote("A", 3, 99, 1, 101, 1));
        cache.put(new Bar("A", 0, 60, 1, 2, 1, 2, 3, 1.5, 2));

        assertThat(cache.latestTrade("A")).get().extracting(Trade::price).isEqualTo(100.0);
        assertThat(cache.latestTrade("B")).get().extracting(Trade::price).isEqualTo(50.0);
        assertThat(cache.latestQuote("A")).get().extracting(Quote::mid).isEqualTo(100.0);
        assertThat(cache.latestBar("A")).isPresent();
        assertThat(cache.latestQuote("B")).isEmpty();
        assertThat(cache.hits()).isEqualTo(4);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.instrumentCount()).isEqualTo(2);
    }
}

package dev.nautilus.store.repository;

import dev.nautilus.store.model.OhlcvBar;
import dev.nautilus.store.model.TradeRow;
import java.time.Duration;
import java.util.List;

/** Stored trades, and bars computed from them. */
public interface TradeRepository {

    /** Largest bucket {@link #bars} accepts. */
    Duration MAX_BAR_INTERVAL = Duration.ofDays(7);

    /**
     * OHLCV bars of one symbol for any bucket length, computed in the database from the trades
     * (PostgreSQL {@code date_bin}, DuckDB {@code time_bucket}), buckets aligned to the Unix epoch,
     * oldest first; buckets without trades are absent.
     *
     * @param interval bucket length: whole milliseconds, at least 1 ms, at most {@link #MAX_BAR_INTERVAL}
     */
    List<OhlcvBar> bars(String symbol, Duration interval, TimeRange range);

    /** Trades of one symbol in time order (then trade id), offset-paginated. */
    List<TradeRow> trades(String symbol, TimeRange range, long offset, int limit);

    /** Number of stored trades of one symbol. */
    long count(String symbol);
}

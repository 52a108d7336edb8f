package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.OhlcvBar;
import dev.nautilus.store.model.Require;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.repository.Limits;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.repository.TradeRepository;
import dev.nautilus.store.table.Tables;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** {@link TradeRepository} in SQL common to PostgreSQL and DuckDB, with the bucket function from the dialect. */
public final class JdbcTradeRepository implements TradeRepository {

    private final Queries queries;
    private final String barsSql;

    public JdbcTradeRepository(Queries queries) {
        this.queries = queries;
        // Open/close are the first/last price by (ts, trade_id): trades often share a timestamp, and
        // the trade id is the venue's order of execution. array_agg(... order by ...)[1] means the same
        // in both databases (DuckDB lists are 1-based too).
        this.barsSql = "select " + queries.dialect().bucketStart() + " as bucket,"
                + " (array_agg(price order by ts, trade_id))[1],"
                + " max(price), min(price),"
                + " (array_agg(price order by ts desc, trade_id desc))[1],"
                + " sum(size),"
                + " coalesce(sum(price * size) / nullif(sum(size), 0), avg(price)),"
                + " count(*)"
                + " from trades where symbol = ? and ts >= ? and ts < ?"
                + " group by 1 order by 1";
    }

    @Override
    public List<OhlcvBar> bars(String symbol, Duration interval, TimeRange range) {
        Require.text(symbol, "symbol");
        Objects.requireNonNull(range, "range");
        Duration width = checkInterval(interval);
        return queries.list(
                barsSql,
                row -> new OhlcvBar(
                        row.time(1),
                        row.float64(2),
                        row.float64(3),
                        row.float64(4),
                        row.float64(5),
                        row.float64(6),
                        row.float64(7),
                        row.int64(8)),
                width,
                symbol,
                range.from(),
                range.to());
    }

    @Override
    public List<TradeRow> trades(String symbol, TimeRange range, long offset, int limit) {
        Require.text(symbol, "symbol");
        return queries.list(
                Queries.selectFrom(Tables.TRADES)
                        + " where symbol = ? and ts >= ? and ts < ? order by ts, trade_id limit ? offset ?",
                Tables.TRADES.reader(),
                symbol,
                range.from(),
                range.to(),
                Limits.limit(limit),
                Limits.offset(offset));
    }

    @Override
    public long count(String symbol) {
        Require.text(symbol, "symbol");
        return queries.single("select count(*) from trades where symbol = ?", symbol);
    }

    /** Whitelists the bucket width: whole milliseconds between 1 ms and {@link #MAX_BAR_INTERVAL}. */
    static Duration checkInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval is required");
        if (interval.compareTo(Duration.ofMillis(1)) < 0
                || interval.compareTo(MAX_BAR_INTERVAL) > 0
                || interval.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "interval must be whole milliseconds between 1ms and " + MAX_BAR_INTERVAL + ", was " + interval);
        }
        return interval;
    }
}

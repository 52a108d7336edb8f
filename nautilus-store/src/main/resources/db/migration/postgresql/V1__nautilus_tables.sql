-- Nautilus schema, PostgreSQL.
-- Every table is append-only time series keyed by ts (UTC). ${partition_clause} is
-- 'PARTITION BY RANGE (ts)' on plain PostgreSQL (day partitions are created on demand by the
-- writer, plus a DEFAULT partition, see PostgresPartitions) and empty when TimescaleDB is installed
-- (the tables then become hypertables, see PostgresLayout). Flyway checksums the file before
-- placeholders are replaced, so either mode validates against the same history.

-- One row per executed trade.
create table trades (
    ts timestamptz not null,
    symbol text not null,
    trade_id bigint not null,
    price double precision not null,
    size double precision not null,
    side text not null
) ${partition_clause};
create index trades_ts_brin on trades using brin (ts);
create index trades_symbol_ts on trades (symbol, ts);

-- OHLCV bars as published by the MarketData hub; bar_interval is one of 1s, 1m, 1h, 1d.
create table bars (
    ts timestamptz not null,
    symbol text not null,
    bar_interval text not null,
    open double precision not null,
    high double precision not null,
    low double precision not null,
    close double precision not null,
    volume double precision not null,
    trades bigint not null,
    check (bar_interval in ('1s', '1m', '1h', '1d'))
) ${partition_clause};
create index bars_ts_brin on bars using brin (ts);

-- Feature values (returns, volatility, SMA/EMA, RSI, VWAP, flow imbalance).
create table features (
    ts timestamptz not null,
    symbol text not null,
    feature text not null,
    feature_value double precision not null
) ${partition_clause};
create index features_ts_brin on features using brin (ts);

-- VPIN series: one point per closed volume bucket.
create table vpin (
    ts timestamptz not null,
    symbol text not null,
    bucket bigint not null,
    vpin double precision not null,
    cdf double precision not null
) ${partition_clause};
create index vpin_ts_brin on vpin using brin (ts);
create index vpin_symbol_ts on vpin (symbol, ts);

-- Per-instrument factor exposures.
create table factor_exposures (
    ts timestamptz not null,
    symbol text not null,
    factor text not null,
    exposure double precision not null
) ${partition_clause};
create index factor_exposures_ts_brin on factor_exposures using brin (ts);

-- Factor returns per period.
create table factor_returns (
    ts timestamptz not null,
    factor text not null,
    factor_return double precision not null
) ${partition_clause};
create index factor_returns_ts_brin on factor_returns using brin (ts);

-- Strategy signals; id is the bus message id.
create table signals (
    ts timestamptz not null,
    id text not null,
    strategy text not null,
    symbol text not null,
    direction integer not null,
    strength double precision not null,
    check (direction between -1 and 1)
) ${partition_clause};
create index signals_ts_brin on signals using brin (ts);
create index signals_ts_id on signals (ts, id);

-- Paper fills; money and quantities are fixed point.
create table executions (
    ts timestamptz not null,
    id text not null,
    portfolio text not null,
    symbol text not null,
    side text not null,
    quantity numeric(38, 12) not null,
    price numeric(38, 12) not null,
    fee numeric(38, 12) not null
) ${partition_clause};
create index executions_ts_brin on executions using brin (ts);

-- Position snapshots.
create table positions (
    ts timestamptz not null,
    portfolio text not null,
    symbol text not null,
    quantity numeric(38, 12) not null,
    average_price numeric(38, 12) not null,
    realized_pnl numeric(38, 12) not null,
    unrealized_pnl numeric(38, 12) not null
) ${partition_clause};
create index positions_ts_brin on positions using brin (ts);
create index positions_portfolio_ts on positions (portfolio, ts);

-- Portfolio P&L snapshots.
create table pnl_snapshots (
    ts timestamptz not null,
    portfolio text not null,
    cash numeric(38, 12) not null,
    equity numeric(38, 12) not null,
    realized_pnl numeric(38, 12) not null,
    unrealized_pnl numeric(38, 12) not null
) ${partition_clause};
create index pnl_snapshots_ts_brin on pnl_snapshots using brin (ts);
create index pnl_snapshots_portfolio_ts on pnl_snapshots (portfolio, ts);

-- Risk and margin alerts.
create table alerts (
    ts timestamptz not null,
    id text not null,
    category text not null,
    severity text not null,
    code text not null,
    message text not null,
    alert_value double precision not null,
    check (category in ('RISK', 'MARGIN'))
) ${partition_clause};
create index alerts_ts_brin on alerts using brin (ts);
create index alerts_ts_id on alerts (ts, id);

-- Engine health samples.
create table engine_health (
    ts timestamptz not null,
    engine text not null,
    status text not null,
    messages_per_second double precision not null,
    p99_latency_micros double precision not null,
    heap_used_bytes bigint not null
) ${partition_clause};
create index engine_health_ts_brin on engine_health using brin (ts);

-- Dead-lettered bus messages, kept for inspection.
create table dead_letters (
    ts timestamptz not null,
    id text not null,
    stream text not null,
    consumer text not null,
    reason text not null,
    payload text not null
) ${partition_clause};
create index dead_letters_ts_brin on dead_letters using brin (ts);

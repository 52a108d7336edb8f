-- Nautilus schema, DuckDB (the embedded store).
-- Same tables and columns as the PostgreSQL schema. TIMESTAMP columns hold UTC by convention (the
-- store always writes and reads UTC). No partitioning and no secondary indexes: DuckDB keeps
-- min/max zone maps per row group, which serve time-range scans the way BRIN does in PostgreSQL,
-- and ART indexes would slow the Appender.
-- No CHECK constraints either (the PostgreSQL schema has three): with duckdb_jdbc 1.4.1 the Appender
-- failed CHECK constraints on valid rows when a second table was appended in the same transaction.
-- The records refuse those values in Java (see dev.nautilus.store.model), so nothing is lost.

-- One row per executed trade.
CREATE TABLE trades (
    ts TIMESTAMP NOT NULL,
    symbol VARCHAR NOT NULL,
    trade_id BIGINT NOT NULL,
    price DOUBLE NOT NULL,
    size DOUBLE NOT NULL,
    side VARCHAR NOT NULL
);

-- OHLCV bars as published by the MarketData hub; bar_interval is one of 1s, 1m, 1h, 1d.
CREATE TABLE bars (
    ts TIMESTAMP NOT NULL,
    symbol VARCHAR NOT NULL,
    bar_interval VARCHAR NOT NULL,
    open DOUBLE NOT NULL,
    high DOUBLE NOT NULL,
    low DOUBLE NOT NULL,
    close DOUBLE NOT NULL,
    volume DOUBLE NOT NULL,
    trades BIGINT NOT NULL
);

-- Feature values (returns, volatility, SMA/EMA, RSI, VWAP, flow imbalance).
CREATE TABLE features (
    ts TIMESTAMP NOT NULL,
    symbol VARCHAR NOT NULL,
    feature VARCHAR NOT NULL,
    feature_value DOUBLE NOT NULL
);

-- VPIN series: one point per closed volume bucket.
CREATE TABLE vpin (
    ts TIMESTAMP NOT NULL,
    symbol VARCHAR NOT NULL,
    bucket BIGINT NOT NULL,
    vpin DOUBLE NOT NULL,
    cdf DOUBLE NOT NULL
);

-- Per-instrument factor exposures.
CREATE TABLE factor_exposures (
    ts TIMESTAMP NOT NULL,
    symbol VARCHAR NOT NULL,
    factor VARCHAR NOT NULL,
    exposure DOUBLE NOT NULL
);

-- Factor returns per period.
CREATE TABLE factor_returns (
    ts TIMESTAMP NOT NULL,
    factor VARCHAR NOT NULL,
    factor_return DOUBLE NOT NULL
);

-- Strategy signals; id is the bus message id.
CREATE TABLE signals (
    ts TIMESTAMP NOT NULL,
    id VARCHAR NOT NULL,
    strategy VARCHAR NOT NULL,
    symbol VARCHAR NOT NULL,
    direction INTEGER NOT NULL,
    strength DOUBLE NOT NULL
);

-- Paper fills; money and quantities are fixed point.
CREATE TABLE executions (
    ts TIMESTAMP NOT NULL,
    id VARCHAR NOT NULL,
    portfolio VARCHAR NOT NULL,
    symbol VARCHAR NOT NULL,
    side VARCHAR NOT NULL,
    quantity DECIMAL(38, 12) NOT NULL,
    price DECIMAL(38, 12) NOT NULL,
    fee DECIMAL(38, 12) NOT NULL
);

-- Position snapshots.
CREATE TABLE positions (
    ts TIMESTAMP NOT NULL,
    portfolio VARCHAR NOT NULL,
    symbol VARCHAR NOT NULL,
    quantity DECIMAL(38, 12) NOT NULL,
    average_price DECIMAL(38, 12) NOT NULL,
    realized_pnl DECIMAL(38, 12) NOT NULL,
    unrealized_pnl DECIMAL(38, 12) NOT NULL
);

-- Portfolio P&L snapshots.
CREATE TABLE pnl_snapshots (
    ts TIMESTAMP NOT NULL,
    portfolio VARCHAR NOT NULL,
    cash DECIMAL(38, 12) NOT NULL,
    equity DECIMAL(38, 12) NOT NULL,
    realized_pnl DECIMAL(38, 12) NOT NULL,
    unrealized_pnl DECIMAL(38, 12) NOT NULL
);

-- Risk and margin alerts.
CREATE TABLE alerts (
    ts TIMESTAMP NOT NULL,
    id VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    alert_value DOUBLE NOT NULL
);

-- Engine health samples.
CREATE TABLE engine_health (
    ts TIMESTAMP NOT NULL,
    engine VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    messages_per_second DOUBLE NOT NULL,
    p99_latency_micros DOUBLE NOT NULL,
    heap_used_bytes BIGINT NOT NULL
);

-- Dead-lettered bus messages, kept for inspection.
CREATE TABLE dead_letters (
    ts TIMESTAMP NOT NULL,
    id VARCHAR NOT NULL,
    stream VARCHAR NOT NULL,
    consumer VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    payload VARCHAR NOT NULL
);

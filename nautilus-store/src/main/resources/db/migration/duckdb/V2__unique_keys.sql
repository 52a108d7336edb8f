-- Idempotent writes (issue #15), as in the PostgreSQL schema: every table gets a unique key (the bus
-- message id where the row has one, else its natural key, ending with ts like the PostgreSQL keys),
-- and the writer skips a row whose key is already stored: the Appender fills a temporary staging
-- table (the Appender itself cannot skip: it fails on a duplicate key), then INSERT OR IGNORE moves
-- the rows over in the same transaction. These are the first ART indexes of the embedded store; the
-- Appender no longer writes indexed tables directly, so the V1 concern does not apply to it.
-- Must stay equal to TableSpec.key() in Tables.java.
--
-- Rows stored twice before this migration are reduced to one first, or the index could not be built.

-- trades: (symbol, trade id): the venue trade id, or the recorder's per-symbol id.
DELETE FROM trades WHERE rowid NOT IN (SELECT min(rowid) FROM trades GROUP BY symbol, trade_id, ts);
CREATE UNIQUE INDEX trades_key ON trades (symbol, trade_id, ts);

-- bars: one bar per symbol, interval and start.
DELETE FROM bars WHERE rowid NOT IN (SELECT min(rowid) FROM bars GROUP BY symbol, bar_interval, ts);
CREATE UNIQUE INDEX bars_key ON bars (symbol, bar_interval, ts);

-- features: one value per symbol, feature and time.
DELETE FROM features WHERE rowid NOT IN (SELECT min(rowid) FROM features GROUP BY symbol, feature, ts);
CREATE UNIQUE INDEX features_key ON features (symbol, feature, ts);

-- vpin: one point per symbol and closed bucket.
DELETE FROM vpin WHERE rowid NOT IN (SELECT min(rowid) FROM vpin GROUP BY symbol, bucket, ts);
CREATE UNIQUE INDEX vpin_key ON vpin (symbol, bucket, ts);

-- factor_exposures: one exposure per symbol, factor and time.
DELETE FROM factor_exposures WHERE rowid NOT IN (SELECT min(rowid) FROM factor_exposures GROUP BY symbol, factor, ts);
CREATE UNIQUE INDEX factor_exposures_key ON factor_exposures (symbol, factor, ts);

-- factor_returns: one return per factor and period.
DELETE FROM factor_returns WHERE rowid NOT IN (SELECT min(rowid) FROM factor_returns GROUP BY factor, ts);
CREATE UNIQUE INDEX factor_returns_key ON factor_returns (factor, ts);

-- signals: the bus message id.
DELETE FROM signals WHERE rowid NOT IN (SELECT min(rowid) FROM signals GROUP BY id, ts);
CREATE UNIQUE INDEX signals_key ON signals (id, ts);

-- executions: the fill id.
DELETE FROM executions WHERE rowid NOT IN (SELECT min(rowid) FROM executions GROUP BY id, ts);
CREATE UNIQUE INDEX executions_key ON executions (id, ts);

-- positions: one snapshot per portfolio, symbol and time.
DELETE FROM positions WHERE rowid NOT IN (SELECT min(rowid) FROM positions GROUP BY portfolio, symbol, ts);
CREATE UNIQUE INDEX positions_key ON positions (portfolio, symbol, ts);

-- pnl_snapshots: one snapshot per portfolio and time.
DELETE FROM pnl_snapshots WHERE rowid NOT IN (SELECT min(rowid) FROM pnl_snapshots GROUP BY portfolio, ts);
CREATE UNIQUE INDEX pnl_snapshots_key ON pnl_snapshots (portfolio, ts);

-- alerts: the bus message id.
DELETE FROM alerts WHERE rowid NOT IN (SELECT min(rowid) FROM alerts GROUP BY id, ts);
CREATE UNIQUE INDEX alerts_key ON alerts (id, ts);

-- engine_health: one sample per engine and time.
DELETE FROM engine_health WHERE rowid NOT IN (SELECT min(rowid) FROM engine_health GROUP BY engine, ts);
CREATE UNIQUE INDEX engine_health_key ON engine_health (engine, ts);

-- dead_letters: one entry per message, stream and consumer group each time it is dead-lettered.
DELETE FROM dead_letters WHERE rowid NOT IN (SELECT min(rowid) FROM dead_letters GROUP BY id, stream, consumer, ts);
CREATE UNIQUE INDEX dead_letters_key ON dead_letters (id, stream, consumer, ts);

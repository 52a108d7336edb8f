-- Idempotent writes (issue #15): every table gets a unique key, and every write path skips a row whose
-- key is already stored (COPY into a session's temporary staging table, then INSERT ... SELECT ... ON
-- CONFLICT DO NOTHING; the INSERT baseline writes ON CONFLICT DO NOTHING directly). A redelivered bus
-- message, a retried batch or a replayed dead letter therefore never stores a row twice, and never
-- fails its batch.
--
-- Every key ends with ts: the tables are partitioned by range on ts (or are TimescaleDB hypertables),
-- and PostgreSQL only accepts a unique index on such a table if it contains the partitioning column
-- (each partition enforces the key for its own rows; rows with equal keys have equal ts, so they fall
-- in the same partition and the key holds across the table). The key is the bus message id where the
-- row has one, else the row's natural key. Must stay equal to TableSpec.key() in Tables.java.
--
-- Rows stored twice before this migration are reduced to one first, or the
-- index could not be built.

-- trades: (symbol, trade id): the venue trade id, or the recorder's per-symbol id.
delete from trades d using (
    select tableoid, ctid, row_number() over (partition by symbol, trade_id, ts) as copy from trades
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index trades_key on trades (symbol, trade_id, ts);

-- bars: one bar per symbol, interval and start.
delete from bars d using (
    select tableoid, ctid, row_number() over (partition by symbol, bar_interval, ts) as copy from bars
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index bars_key on bars (symbol, bar_interval, ts);

-- features: one value per symbol, feature and time.
delete from features d using (
    select tableoid, ctid, row_number() over (partition by symbol, feature, ts) as copy from features
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index features_key on features (symbol, feature, ts);

-- vpin: one point per symbol and closed bucket.
delete from vpin d using (
    select tableoid, ctid, row_number() over (partition by symbol, bucket, ts) as copy from vpin
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index vpin_key on vpin (symbol, bucket, ts);

-- factor_exposures: one exposure per symbol, factor and time.
delete from factor_exposures d using (
    select tableoid, ctid, row_number() over (partition by symbol, factor, ts) as copy from factor_exposures
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index factor_exposures_key on factor_exposures (symbol, factor, ts);

-- factor_returns: one return per factor and period.
delete from factor_returns d using (
    select tableoid, ctid, row_number() over (partition by factor, ts) as copy from factor_returns
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index factor_returns_key on factor_returns (factor, ts);

-- signals: the bus message id.
delete from signals d using (
    select tableoid, ctid, row_number() over (partition by id, ts) as copy from signals
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index signals_key on signals (id, ts);

-- executions: the fill id.
delete from executions d using (
    select tableoid, ctid, row_number() over (partition by id, ts) as copy from executions
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index executions_key on executions (id, ts);

-- positions: one snapshot per portfolio, symbol and time.
delete from positions d using (
    select tableoid, ctid, row_number() over (partition by portfolio, symbol, ts) as copy from positions
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index positions_key on positions (portfolio, symbol, ts);

-- pnl_snapshots: one snapshot per portfolio and time.
delete from pnl_snapshots d using (
    select tableoid, ctid, row_number() over (partition by portfolio, ts) as copy from pnl_snapshots
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index pnl_snapshots_key on pnl_snapshots (portfolio, ts);

-- alerts: the bus message id.
delete from alerts d using (
    select tableoid, ctid, row_number() over (partition by id, ts) as copy from alerts
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index alerts_key on alerts (id, ts);

-- engine_health: one sample per engine and time.
delete from engine_health d using (
    select tableoid, ctid, row_number() over (partition by engine, ts) as copy from engine_health
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index engine_health_key on engine_health (engine, ts);

-- dead_letters: one entry per message, stream and consumer group each time it is dead-lettered.
delete from dead_letters d using (
    select tableoid, ctid, row_number() over (partition by id, stream, consumer, ts) as copy from dead_letters
) c where d.tableoid = c.tableoid and d.ctid = c.ctid and c.copy > 1;
create unique index dead_letters_key on dead_letters (id, stream, consumer, ts);

package dev.nautilus.store.table;

import static dev.nautilus.store.table.ColumnType.DECIMAL;
import static dev.nautilus.store.table.ColumnType.FLOAT64;
import static dev.nautilus.store.table.ColumnType.INT32;
import static dev.nautilus.store.table.ColumnType.INT64;
import static dev.nautilus.store.table.ColumnType.TEXT;
import static dev.nautilus.store.table.ColumnType.TIMESTAMP;

import dev.nautilus.store.model.AlertCategory;
import dev.nautilus.store.model.AlertRow;
import dev.nautilus.store.model.BarInterval;
import dev.nautilus.store.model.BarRow;
import dev.nautilus.store.model.DeadLetterRow;
import dev.nautilus.store.model.EngineHealthSample;
import dev.nautilus.store.model.Execution;
import dev.nautilus.store.model.FactorExposure;
import dev.nautilus.store.model.FactorReturn;
import dev.nautilus.store.model.FeatureValue;
import dev.nautilus.store.model.PnlSnapshot;
import dev.nautilus.store.model.PositionSnapshot;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.SignalRow;
import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.model.VpinPoint;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored tables: the one place that maps each record type to its table and columns. The
 * migrations under {@code db/migration/<vendor>} create exactly these columns in this order.
 */
public final class Tables {

    public static final TableSpec<TradeRow> TRADES = new TableSpec<>(
            "trades",
            TradeRow.class,
            cols("ts", TIMESTAMP, "symbol", TEXT, "trade_id", INT64, "price", FLOAT64, "size", FLOAT64, "side", TEXT),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.symbol());
                s.int64(r.tradeId());
                s.float64(r.price());
                s.float64(r.size());
                s.text(r.side().name());
            },
            row -> new TradeRow(
                    row.time(1),
                    row.text(2),
                    row.int64(3),
                    row.float64(4),
                    row.float64(5),
                    SideCode.valueOf(row.text(6))),
            List.of("symbol", "trade_id", "ts"));

    public static final TableSpec<BarRow> BARS = new TableSpec<>(
            "bars",
            BarRow.class,
            cols(
                    "ts",
                    TIMESTAMP,
                    "symbol",
                    TEXT,
                    "bar_interval",
                    TEXT,
                    "open",
                    FLOAT64,
                    "high",
                    FLOAT64,
                    "low",
                    FLOAT64,
                    "close",
                    FLOAT64,
                    "volume",
                    FLOAT64,
                    "trades",
                    INT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.symbol());
                s.text(r.interval().label());
                s.float64(r.open());
                s.float64(r.high());
                s.float64(r.low());
                s.float64(r.close());
                s.float64(r.volume());
                s.int64(r.trades());
            },
            row -> new BarRow(
                    row.time(1),
                    row.text(2),
                    BarInterval.ofLabel(row.text(3)),
                    row.float64(4),
                    row.float64(5),
                    row.float64(6),
                    row.float64(7),
                    row.float64(8),
                    row.int64(9)),
            List.of("symbol", "bar_interval", "ts"));

    public static final TableSpec<FeatureValue> FEATURES = new TableSpec<>(
            "features",
            FeatureValue.class,
            cols("ts", TIMESTAMP, "symbol", TEXT, "feature", TEXT, "feature_value", FLOAT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.symbol());
                s.text(r.name());
                s.float64(r.value());
            },
            row -> new FeatureValue(row.time(1), row.text(2), row.text(3), row.float64(4)),
            List.of("symbol", "feature", "ts"));

    public static final TableSpec<VpinPoint> VPIN = new TableSpec<>(
            "vpin",
            VpinPoint.class,
            cols("ts", TIMESTAMP, "symbol", TEXT, "bucket", INT64, "vpin", FLOAT64, "cdf", FLOAT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.symbol());
                s.int64(r.bucket());
                s.float64(r.vpin());
                s.float64(r.cdf());
            },
            row -> new VpinPoint(row.time(1), row.text(2), row.int64(3), row.float64(4), row.float64(5)),
            List.of("symbol", "bucket", "ts"));

    public static final TableSpec<FactorExposure> FACTOR_EXPOSURES = new TableSpec<>(
            "factor_exposures",
            FactorExposure.class,
            cols("ts", TIMESTAMP, "symbol", TEXT, "factor", TEXT, "exposure", FLOAT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.symbol());
                s.text(r.factor());
                s.float64(r.exposure());
            },
            row -> new FactorExposure(row.time(1), row.text(2), row.text(3), row.float64(4)),
            List.of("symbol", "factor", "ts"));

    public static final TableSpec<FactorReturn> FACTOR_RETURNS = new TableSpec<>(
            "factor_returns",
            FactorReturn.class,
            cols("ts", TIMESTAMP, "factor", TEXT, "factor_return", FLOAT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.factor());
                s.float64(r.value());
            },
            row -> new FactorReturn(row.time(1), row.text(2), row.float64(3)),
            List.of("factor", "ts"));

    public static final TableSpec<SignalRow> SIGNALS = new TableSpec<>(
            "signals",
            SignalRow.class,
            cols(
                    "ts",
                    TIMESTAMP,
                    "id",
                    TEXT,
                    "strategy",
                    TEXT,
                    "symbol",
                    TEXT,
                    "direction",
                    INT32,
                    "strength",
                    FLOAT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.id());
                s.text(r.strategy());
                s.text(r.symbol());
                s.int32(r.direction());
                s.float64(r.strength());
            },
            row -> new SignalRow(row.time(1), row.text(2), row.text(3), row.text(4), row.int32(5), row.float64(6)),
            List.of("id", "ts"));

    public static final TableSpec<Execution> EXECUTIONS = new TableSpec<>(
            "executions",
            Execution.class,
            cols(
                    "ts",
                    TIMESTAMP,
                    "id",
                    TEXT,
                    "portfolio",
                    TEXT,
                    "symbol",
                    TEXT,
                    "side",
                    TEXT,
                    "quantity",
                    DECIMAL,
                    "price",
                    DECIMAL,
                    "fee",
                    DECIMAL),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.id());
                s.text(r.portfolio());
                s.text(r.symbol());
                s.text(r.side().name());
                s.decimal(r.quantity());
                s.decimal(r.price());
                s.decimal(r.fee());
            },
            row -> new Execution(
                    row.time(1),
                    row.text(2),
                    row.text(3),
                    row.text(4),
                    SideCode.valueOf(row.text(5)),
                    row.decimal(6),
                    row.decimal(7),
                    row.decimal(8)),
            List.of("id", "ts"));

    public static final TableSpec<PositionSnapshot> POSITIONS = new TableSpec<>(
            "positions",
            PositionSnapshot.class,
            cols(
                    "ts",
                    TIMESTAMP,
                    "portfolio",
                    TEXT,
                    "symbol",
                    TEXT,
                    "quantity",
                    DECIMAL,
                    "average_price",
                    DECIMAL,
                    "realized_pnl",
                    DECIMAL,
                    "unrealized_pnl",
                    DECIMAL),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.portfolio());
                s.text(r.symbol());
                s.decimal(r.quantity());
                s.decimal(r.averagePrice());
                s.decimal(r.realizedPnl());
                s.decimal(r.unrealizedPnl());
            },
            row -> new PositionSnapshot(
                    row.time(1),
                    row.text(2),
                    row.text(3),
                    row.decimal(4),
                    row.decimal(5),
                    row.decimal(6),
                    row.decimal(7)),
            List.of("portfolio", "symbol", "ts"));

    public static final TableSpec<PnlSnapshot> PNL = new TableSpec<>(
            "pnl_snapshots",
            PnlSnapshot.class,
            cols(
                    "ts",
                    TIMESTAMP,
                    "portfolio",
                    TEXT,
                    "cash",
                    DECIMAL,
                    "equity",
                    DECIMAL,
                    "realized_pnl",
                    DECIMAL,
                    "unrealized_pnl",
                    DECIMAL),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.portfolio());
                s.decimal(r.cash());
                s.decimal(r.equity());
                s.decimal(r.realizedPnl());
                s.decimal(r.unrealizedPnl());
            },
            row -> new PnlSnapshot(
                    row.time(1), row.text(2), row.decimal(3), row.decimal(4), row.decimal(5), row.decimal(6)),
            List.of("portfolio", "ts"));

    public static final TableSpec<AlertRow> ALERTS = new TableSpec<>(
            "alerts",
            AlertRow.class,
            cols(
                    "ts",
                    TIMESTAMP,
                    "id",
                    TEXT,
                    "category",
                    TEXT,
                    "severity",
                    TEXT,
                    "code",
                    TEXT,
                    "message",
                    TEXT,
                    "alert_value",
                    FLOAT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.id());
                s.text(r.category().name());
                s.text(r.severity());
                s.text(r.code());
                s.text(r.message());
                s.float64(r.value());
            },
            row -> new AlertRow(
                    row.time(1),
                    row.text(2),
                    AlertCategory.valueOf(row.text(3)),
                    row.text(4),
                    row.text(5),
                    row.text(6),
                    row.float64(7)),
            List.of("id", "ts"));

    public static final TableSpec<EngineHealthSample> ENGINE_HEALTH = new TableSpec<>(
            "engine_health",
            EngineHealthSample.class,
            cols(
                    "ts",
                    TIMESTAMP,
                    "engine",
                    TEXT,
                    "status",
                    TEXT,
                    "messages_per_second",
                    FLOAT64,
                    "p99_latency_micros",
                    FLOAT64,
                    "heap_used_bytes",
                    INT64),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.engine());
                s.text(r.status());
                s.float64(r.messagesPerSecond());
                s.float64(r.p99LatencyMicros());
                s.int64(r.heapUsedBytes());
            },
            row -> new EngineHealthSample(
                    row.time(1), row.text(2), row.text(3), row.float64(4), row.float64(5), row.int64(6)),
            List.of("engine", "ts"));

    public static final TableSpec<DeadLetterRow> DEAD_LETTERS = new TableSpec<>(
            "dead_letters",
            DeadLetterRow.class,
            cols("ts", TIMESTAMP, "id", TEXT, "stream", TEXT, "consumer", TEXT, "reason", TEXT, "payload", TEXT),
            (r, s) -> {
                s.time(r.ts());
                s.text(r.id());
                s.text(r.stream());
                s.text(r.consumer());
                s.text(r.reason());
                s.text(r.payload());
            },
            row -> new DeadLetterRow(row.time(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6)),
            List.of("id", "stream", "consumer", "ts"));

    /** Every stored table, in migration order. */
    public static final List<TableSpec<?>> ALL = List.of(
            TRADES,
            BARS,
            FEATURES,
            VPIN,
            FACTOR_EXPOSURES,
            FACTOR_RETURNS,
            SIGNALS,
            EXECUTIONS,
            POSITIONS,
            PNL,
            ALERTS,
            ENGINE_HEALTH,
            DEAD_LETTERS);

    private static final Map<Class<?>, TableSpec<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(TableSpec::type, Function.identity()));

    private Tables() {}

    /** The table a record is stored in. */
    public static TableSpec<?> of(StoredRecord record) {
        TableSpec<?> spec = BY_TYPE.get(record.getClass());
        if (spec == null) {
            // StoredRecord is sealed, so this only happens if a permitted type was added without a table.
            throw new IllegalStateException(
                    "no table for record type " + record.getClass().getName());
        }
        return spec;
    }

    private static List<Column> cols(Object... nameTypePairs) {
        Column[] columns = new Column[nameTypePairs.length / 2];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new Column((String) nameTypePairs[2 * i], (ColumnType) nameTypePairs[2 * i + 1]);
        }
        return List.of(columns);
    }
}

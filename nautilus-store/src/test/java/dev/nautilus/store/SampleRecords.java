package dev.nautilus.store;

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
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.model.VpinPoint;
import java.math.BigDecimal;
import java.time.Instant;

/** Hand-made rows of every table, with awkward values (micros, escapes, unicode, tiny and huge numbers). */
final class SampleRecords {

    static final Instant T0 = Instant.parse("2024-03-01T09:30:00.123456Z");

    private SampleRecords() {}

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static TradeRow trade(long id, long second) {
        return new TradeRow(
                t(second), "ETHUSD", id, 3000.25 + id * 0.01, 0.5 + id, id % 2 == 0 ? SideCode.BUY : SideCode.SELL);
    }

    static BarRow bar(long second) {
        return new BarRow(t(second), "ETHUSD", BarInterval.ONE_MINUTE, 10, 12.5, 9.75, 11, 1e-8, 3);
    }

    static FeatureValue feature(long second) {
        return new FeatureValue(t(second), "ETHUSD", "rsi_14", 71.234567890123);
    }

    static VpinPoint vpin(long bucket) {
        return new VpinPoint(t(bucket * 10), "BTCUSD", bucket, 0.25 + bucket / 1000.0, bucket / 100.0);
    }

    static FactorExposure exposure(long day, String symbol, String factor, double value) {
        return new FactorExposure(t(day * 86_400), symbol, factor, value);
    }

    static FactorReturn factorReturn(long day) {
        return new FactorReturn(t(day * 86_400), "momentum", -0.0012345);
    }

    static SignalRow signal(long second, String id) {
        return new SignalRow(t(second), id, "ma_cross", "BTCUSD", 1, 0.75);
    }

    static Execution execution(long second, String id) {
        return new Execution(
                t(second),
                id,
                "paper",
                "BTCUSD",
                SideCode.BUY,
                new BigDecimal("0.123456789012"),
                new BigDecimal("65432.10"),
                new BigDecimal("1.5"));
    }

    static PositionSnapshot position(long second, String symbol, String quantity) {
        return new PositionSnapshot(
                t(second),
                "paper",
                symbol,
                new BigDecimal(quantity),
                new BigDecimal("100.5"),
                new BigDecimal("-12.000000000001"),
                new BigDecimal("99999999999999999999.5"));
    }

    static PnlSnapshot pnl(long second, String equity) {
        return new PnlSnapshot(
                t(second),
                "paper",
                new BigDecimal("100000"),
                new BigDecimal(equity),
                new BigDecimal("0"),
                new BigDecimal("-3.25"));
    }

    static AlertRow alert(long second, String id, AlertCategory category) {
        return new AlertRow(
                t(second), id, category, "URGENT", "var_breach", "VaR 99% breached: 2.5% > 2%\tlimit\n", 0.025);
    }

    static EngineHealthSample health(long second, String engine) {
        return new EngineHealthSample(t(second), engine, "UP", 1234.5, 87.25, 123_456_789L);
    }

    static DeadLetterRow deadLetter(long second, String id) {
        return new DeadLetterRow(
                t(second),
                id,
                "nautilus:engine_logic:risk_metric",
                "risk",
                "undecodable payload",
                "{\"a\":\"tab\\there\",\"b\":\"back\\\\slash\"}\t\r\n\\ é € 😀");
    }
}

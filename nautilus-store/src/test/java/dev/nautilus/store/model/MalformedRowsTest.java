package dev.nautilus.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Malformed rows cannot be built, and the refusal names the offending field. */
final class MalformedRowsTest {

    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void tradeRefusesMissingOrNonsenseFields() {
        assertThatThrownBy(() -> new TradeRow(null, "BTCUSD", 1, 100, 1, SideCode.BUY))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("ts is required");
        assertThatThrownBy(() -> new TradeRow(T, null, 1, 100, 1, SideCode.BUY))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("symbol is required");
        assertThatThrownBy(() -> new TradeRow(T, " ", 1, 100, 1, SideCode.BUY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol must not be blank");
        assertThatThrownBy(() -> new TradeRow(T, "BTCUSD", 1, Double.NaN, 1, SideCode.BUY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price must be a finite number, was NaN");
        assertThatThrownBy(() -> new TradeRow(T, "BTCUSD", 1, Double.POSITIVE_INFINITY, 1, SideCode.BUY))
                .hasMessageStartingWith("price must be a finite number");
        assertThatThrownBy(() -> new TradeRow(T, "BTCUSD", 1, 0, 1, SideCode.BUY))
                .hasMessage("price must be > 0, was 0.0");
        assertThatThrownBy(() -> new TradeRow(T, "BTCUSD", 1, 100, -0.5, SideCode.BUY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be >= 0, was -0.5");
        assertThatThrownBy(() -> new TradeRow(T, "BTCUSD", -1, 100, 1, SideCode.BUY))
                .hasMessage("tradeId must be >= 0, was -1");
        assertThatThrownBy(() -> new TradeRow(T, "BTCUSD", 1, 100, 1, null)).hasMessage("side is required");
    }

    @Test
    void otherRecordsNameTheirFieldsToo() {
        assertThatThrownBy(() -> new BarRow(T, "X", BarInterval.ONE_MINUTE, 1, 1, 2, 1, 1, 1))
                .hasMessageStartingWith("high must be >= low");
        assertThatThrownBy(() -> new BarRow(T, "X", null, 1, 1, 1, 1, 1, 1)).hasMessage("interval is required");
        assertThatThrownBy(() -> BarInterval.ofLabel("5m")).hasMessageStartingWith("interval must be one of");
        assertThatThrownBy(() -> new VpinPoint(T, "X", 1, 1.5, 0.5)).hasMessage("vpin must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> new VpinPoint(T, "X", 1, 0.5, Double.NaN)).hasMessageStartingWith("cdf must be");
        assertThatThrownBy(() -> new FeatureValue(T, "X", "rsi", Double.NaN)).hasMessageStartingWith("value must be");
        assertThatThrownBy(() -> new SignalRow(T, "id", "s", "X", 2, 1)).hasMessageStartingWith("direction must be");
        assertThatThrownBy(() -> new Execution(
                        T, "id", "p", "X", SideCode.BUY, new BigDecimal("-1"), BigDecimal.ONE, BigDecimal.ZERO))
                .hasMessageStartingWith("quantity must be > 0");
        assertThatThrownBy(() -> new Execution(
                        T, "id", "p", "X", SideCode.UNKNOWN, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO))
                .hasMessageStartingWith("side must be BUY or SELL");
        assertThatThrownBy(() -> new PositionSnapshot(
                        T,
                        "p",
                        "X",
                        new BigDecimal("0.0000000000001"),
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO))
                .hasMessageStartingWith("quantity has more than 12 decimal places");
        assertThatThrownBy(() -> new PnlSnapshot(T, "p", null, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO))
                .hasMessage("cash is required");
        assertThatThrownBy(() -> new AlertRow(T, "id", AlertCategory.RISK, "URGENT", "", "m", 1))
                .hasMessage("code must not be blank");
        assertThatThrownBy(() -> new EngineHealthSample(T, "risk", "UP", -1, 0, 0))
                .hasMessageStartingWith("messagesPerSecond must be >= 0");
        assertThatThrownBy(() -> new DeadLetterRow(T, "id", "s", "c", "r", null))
                .hasMessage("payload is required");
    }

    @Test
    void timesAreKeptToTheMicrosecondAndAmountsNormalised() {
        TradeRow trade = new TradeRow(Instant.parse("2024-01-01T00:00:00.123456789Z"), "X", 1, 1, 1, SideCode.BUY);
        assertThat(trade.ts()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
        PnlSnapshot pnl = new PnlSnapshot(
                T, "p", new BigDecimal("1.500"), new BigDecimal("1E+3"), BigDecimal.ZERO, new BigDecimal("0.000"));
        assertThat(pnl.cash()).isEqualTo(new BigDecimal("1.5"));
        assertThat(pnl.equity()).isEqualTo(new BigDecimal("1000"));
        assertThat(pnl.unrealizedPnl()).isEqualTo(BigDecimal.ZERO);
    }
}

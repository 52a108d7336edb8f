package dev.nautilus.store.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A position at one time. Fixed-point ({@link BigDecimal}) because positions must add up exactly.
 *
 * @param ts            snapshot time
 * @param portfolio     portfolio or account
 * @param symbol        instrument
 * @param quantity      signed quantity (negative = short)
 * @param averagePrice  average entry price, &gt;= 0
 * @param realizedPnl   realised P&amp;L to date
 * @param unrealizedPnl mark-to-market P&amp;L
 */
public record PositionSnapshot(
        Instant ts,
        String portfolio,
        String symbol,
        BigDecimal quantity,
        BigDecimal averagePrice,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl)
        implements StoredRecord {

    public PositionSnapshot {
        ts = Require.time(ts, "ts");
        Require.text(portfolio, "portfolio");
        Require.text(symbol, "symbol");
        quantity = Require.amount(quantity, "quantity");
        averagePrice = Require.amount(averagePrice, "averagePrice");
        realizedPnl = Require.amount(realizedPnl, "realizedPnl");
        unrealizedPnl = Require.amount(unrealizedPnl, "unrealizedPnl");
        if (averagePrice.signum() < 0) {
            throw new IllegalArgumentException("averagePrice must be >= 0, was " + averagePrice.toPlainString());
        }
    }
}

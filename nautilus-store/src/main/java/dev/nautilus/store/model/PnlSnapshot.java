package dev.nautilus.store.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Portfolio-level P&amp;L at one time. Fixed-point ({@link BigDecimal}): this is cash.
 *
 * @param ts            snapshot time
 * @param portfolio     portfolio or account
 * @param cash          cash balance
 * @param equity        cash plus marked positions
 * @param realizedPnl   realised P&amp;L to date
 * @param unrealizedPnl mark-to-market P&amp;L
 */
public record PnlSnapshot(
        Instant ts,
        String portfolio,
        BigDecimal cash,
        BigDecimal equity,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl)
        implements StoredRecord {

    public PnlSnapshot {
        ts = Require.time(ts, "ts");
        Require.text(portfolio, "portfolio");
        cash = Require.amount(cash, "cash");
        equity = Require.amount(equity, "equity");
        realizedPnl = Require.amount(realizedPnl, "realizedPnl");
        unrealizedPnl = Require.amount(unrealizedPnl, "unrealizedPnl");
    }
}

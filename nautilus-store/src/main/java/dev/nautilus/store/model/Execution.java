package dev.nautilus.store.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A (paper) fill. Quantities and money are {@link BigDecimal}: they are cash and positions, which
 * must add up exactly.
 *
 * @param ts        fill time
 * @param id        unique execution id
 * @param portfolio portfolio or account
 * @param symbol    instrument
 * @param side      BUY or SELL
 * @param quantity  filled quantity, &gt; 0
 * @param price     fill price, &gt; 0
 * @param fee       fee paid, &gt;= 0
 */
public record Execution(
        Instant ts,
        String id,
        String portfolio,
        String symbol,
        SideCode side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal fee)
        implements StoredRecord {

    public Execution {
        ts = Require.time(ts, "ts");
        Require.text(id, "id");
        Require.text(portfolio, "portfolio");
        Require.text(symbol, "symbol");
        Require.present(side, "side");
        if (side == SideCode.UNKNOWN) {
            throw new IllegalArgumentException("side must be BUY or SELL for an execution");
        }
        quantity = Require.amount(quantity, "quantity");
        price = Require.amount(price, "price");
        fee = Require.amount(fee, "fee");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("quantity must be > 0, was " + quantity.toPlainString());
        }
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be > 0, was " + price.toPlainString());
        }
        if (fee.signum() < 0) {
            throw new IllegalArgumentException("fee must be >= 0, was " + fee.toPlainString());
        }
    }
}

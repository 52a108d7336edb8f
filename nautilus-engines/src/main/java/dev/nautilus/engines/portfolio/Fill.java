package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A paper execution.
 *
 * @param instrument      instrument symbol
 * @param timestampMicros execution time
 * @param quantity        signed quantity traded (positive = bought)
 * @param price           fill price, slippage included
 * @param referencePrice  market price the fill was computed from
 * @param fee             fee paid, {@code >= 0}
 * @param strategy        strategy whose signal caused it
 * @param reason          the signal's reason
 */
public record Fill(
        String instrument,
        long timestampMicros,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal referencePrice,
        BigDecimal fee,
        String strategy,
        String reason) {

    public Fill {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(referencePrice, "referencePrice");
        Objects.requireNonNull(fee, "fee");
        if (quantity.signum() == 0) {
            throw new IllegalArgumentException("quantity must not be zero");
        }
        if (price.signum() <= 0 || referencePrice.signum() <= 0) {
            throw new IllegalArgumentException(
                    "price and referencePrice must be > 0: " + price + ", " + referencePrice);
        }
        if (fee.signum() < 0) {
            throw new IllegalArgumentException("fee must be >= 0, was " + fee);
        }
    }

    /** Cost of slippage: {@code |quantity| · |price - referencePrice|}. */
    public BigDecimal slippageCost() {
        return quantity.abs().multiply(price.subtract(referencePrice).abs());
    }
}

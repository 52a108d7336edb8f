package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A position by the average-cost method, held as signed quantity and signed cost basis
 * ({@code Σ quantity·price} of the open part; negative for a short). Average cost is
 * {@code costBasis / quantity}.
 *
 * <p>Trading towards zero realises {@code P&L = sign(q)·k·price - costRemoved} on the {@code k}
 * units closed, where {@code costRemoved = costBasis·k/|q|} (rounded to 8 decimals; exactly the
 * whole basis on a full close). Trading through zero (long → short or back) closes the whole
 * position and opens the remainder at the fill price. Unrealised P&amp;L at a mark is
 * {@code quantity·mark - costBasis}. Immutable.
 *
 * @param instrument instrument symbol
 * @param quantity   signed quantity
 * @param costBasis  signed cost of the open quantity
 */
public record Position(String instrument, BigDecimal quantity, BigDecimal costBasis) {

    public Position {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(costBasis, "costBasis");
    }

    /** A flat position. */
    public static Position flat(String instrument) {
        return new Position(instrument, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Result of applying a trade: the new position and the P&amp;L it realised. */
    public record Change(Position position, BigDecimal realised) {}

    /** Applies a trade of signed {@code tradeQuantity} at {@code price}. */
    public Change apply(BigDecimal tradeQuantity, BigDecimal price) {
        if (tradeQuantity.signum() == 0) {
            return new Change(this, BigDecimal.ZERO);
        }
        if (quantity.signum() == 0 || quantity.signum() == tradeQuantity.signum()) {
            return new Change(
                    new Position(instrument, quantity.add(tradeQuantity), costBasis.add(tradeQuantity.multiply(price))),
                    BigDecimal.ZERO);
        }
        BigDecimal open = quantity.abs();
        BigDecimal k = tradeQuantity.abs().min(open);
        BigDecimal costRemoved = k.compareTo(open) == 0
                ? costBasis
                : Money.round(costBasis.multiply(k).divide(open, Money.SCALE + 8, Money.ROUNDING));
        BigDecimal realised = k.multiply(price)
                .multiply(BigDecimal.valueOf(quantity.signum()))
                .subtract(costRemoved);
        BigDecimal newQuantity = quantity.add(tradeQuantity);
        BigDecimal newCost;
        if (newQuantity.signum() == 0) {
            newCost = BigDecimal.ZERO;
        } else if (newQuantity.signum() == quantity.signum()) {
            newCost = costBasis.subtract(costRemoved);
        } else {
            newCost = newQuantity.multiply(price); // flipped: the remainder opens at the fill price
        }
        return new Change(new Position(instrument, newQuantity, newCost), realised);
    }

    /** {@code costBasis / quantity} to 8 decimals; zero when flat. */
    public BigDecimal averageCost() {
        return quantity.signum() == 0 ? BigDecimal.ZERO : costBasis.divide(quantity, Money.SCALE, Money.ROUNDING);
    }

    /** {@code quantity · mark - costBasis}. */
    public BigDecimal unrealised(BigDecimal mark) {
        return quantity.multiply(mark).subtract(costBasis);
    }

    /** True when the quantity is zero. */
    public boolean isFlat() {
        return quantity.signum() == 0;
    }
}

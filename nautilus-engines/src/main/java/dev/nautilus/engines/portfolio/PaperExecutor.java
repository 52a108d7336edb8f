package dev.nautilus.engines.portfolio;

import dev.nautilus.engines.strategy.Signal;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Executes signals on paper: trades the difference between the signal's target and the current
 * position at the market price plus slippage, pays the fee, and books the fill in the portfolio.
 * Assumes the whole quantity fills at once (no partial fills, no queue position).
 */
public final class PaperExecutor {

    private final FeeModel fees;
    private final SlippageModel slippage;

    /**
     * @param fees     fee model
     * @param slippage slippage model
     */
    public PaperExecutor(FeeModel fees, SlippageModel slippage) {
        this.fees = Objects.requireNonNull(fees, "fees");
        this.slippage = Objects.requireNonNull(slippage, "slippage");
    }

    /**
     * Moves {@code portfolio} to the signal's target at {@code marketPrice}.
     *
     * @return the fill, or empty when the position already equals the target
     * @throws IllegalArgumentException unless {@code marketPrice} is finite and positive
     */
    public Optional<Fill> execute(Signal signal, double marketPrice, Portfolio portfolio) {
        BigDecimal reference = Money.price("marketPrice", marketPrice);
        BigDecimal delta = signal.targetQuantity()
                .subtract(portfolio.position(signal.instrument()).quantity());
        if (delta.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal price = slippage.fillPrice(delta, reference);
        BigDecimal fee = fees.fee(delta.multiply(price));
        Fill fill = new Fill(
                signal.instrument(),
                signal.timestampMicros(),
                delta,
                price,
                reference,
                fee,
                signal.strategy(),
                signal.reason());
        portfolio.apply(fill);
        return Optional.of(fill);
    }
}

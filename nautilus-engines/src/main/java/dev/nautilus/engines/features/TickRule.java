package dev.nautilus.engines.features;

import dev.nautilus.engines.marketdata.Side;

/**
 * The tick rule (Lee &amp; Ready 1991): a trade above the previous <em>different</em> price is a buy
 * (uptick), below it a sell (downtick); a trade at an unchanged price inherits the previous
 * classification (zero-uptick / zero-downtick). The first trade, and trades at an unchanged price
 * before any price change, are {@link Side#UNKNOWN}.
 */
public final class TickRule {

    private double lastPrice = Double.NaN;
    private Side lastSide = Side.UNKNOWN;

    /** Classifies a trade at {@code price} and remembers it. */
    public Side classify(double price) {
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be finite, was " + price);
        }
        if (!Double.isNaN(lastPrice)) {
            if (price > lastPrice) {
                lastSide = Side.BUY;
            } else if (price < lastPrice) {
                lastSide = Side.SELL;
            }
        }
        lastPrice = price;
        return lastSide;
    }

    /** The last price (NaN before the first) and the side it was given. */
    public State state() {
        return new State(lastPrice, lastSide);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        lastPrice = state.lastPrice();
        lastSide = state.lastSide();
    }

    /** What the next classification depends on. */
    public record State(double lastPrice, Side lastSide) {}
}

package dev.nautilus.engines.analytics;

/**
 * The share of closing trades that made money. A closing trade is a portfolio update in which a
 * position was reduced, closed or reversed; it wins when the realised P&amp;L it booked is positive
 * (before fees: the Portfolio reports fees apart) and counts as a loss otherwise (a zero is not a win).
 */
public final class HitRate {

    private long closed;
    private long winners;

    /** Records one closing trade and the realised P&amp;L it booked. */
    public void onClose(double realisedPnl) {
        if (!Double.isFinite(realisedPnl)) {
            throw new IllegalArgumentException("realised P&L must be finite, was " + realisedPnl);
        }
        closed++;
        if (realisedPnl > 0) {
            winners++;
        }
    }

    /** Closing trades so far. */
    public long closedTrades() {
        return closed;
    }

    /** Winning closing trades so far. */
    public long winningTrades() {
        return winners;
    }

    /** {@code winners / closed}, or {@code null} before the first closing trade. */
    public Double rate() {
        return closed == 0 ? null : (double) winners / closed;
    }
}

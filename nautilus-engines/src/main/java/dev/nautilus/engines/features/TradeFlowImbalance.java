package dev.nautilus.engines.features;

import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.Trade;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Signed volume over the last {@code windowMicros}: {@code Σ sign·size}, and the imbalance
 * {@code Σ sign·size / Σ size} in [-1, 1].
 *
 * <p>The sign is the trade's reported aggressor side when known, else the {@link TickRule}'s
 * classification. Trades the tick rule cannot classify (the first, or unchanged prices before any
 * move) count in the total volume with sign 0, so they dilute the imbalance rather than vanish.
 * Window semantics as {@link RollingVwap}: timestamps {@code > latest - window}.
 */
public final class TradeFlowImbalance {

    private final long windowMicros;
    private final TickRule tickRule = new TickRule();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private double signed;
    private double total;
    private long lastTimestamp = Long.MIN_VALUE;

    /** @param windowMicros window length, {@code > 0} */
    public TradeFlowImbalance(long windowMicros) {
        if (windowMicros <= 0) {
            throw new IllegalArgumentException("windowMicros must be > 0, was " + windowMicros);
        }
        this.windowMicros = windowMicros;
    }

    /** Adds a trade and returns the imbalance. */
    public double update(Trade trade) {
        TradeInputs.require(trade.price(), trade.size());
        if (trade.timestampMicros() < lastTimestamp) {
            throw new IllegalArgumentException(
                    "timestampMicros went backwards: " + trade.timestampMicros() + " < " + lastTimestamp);
        }
        lastTimestamp = trade.timestampMicros();
        // The tick rule sees every trade, so its state stays right even when sides are reported.
        Side tick = tickRule.classify(trade.price());
        Side side = trade.side() != Side.UNKNOWN ? trade.side() : tick;
        long cutoff = trade.timestampMicros() - windowMicros;
        while (!entries.isEmpty() && entries.peekFirst().timestampMicros() <= cutoff) {
            Entry old = entries.pollFirst();
            signed -= old.signedVolume();
            total -= old.volume();
        }
        if (entries.isEmpty()) {
            signed = 0;
            total = 0;
        }
        Entry e = new Entry(trade.timestampMicros(), side.sign() * trade.size(), trade.size());
        entries.addLast(e);
        signed += e.signedVolume();
        total += e.volume();
        return imbalance();
    }

    /** Signed volume in the window. */
    public double signedVolume() {
        return signed;
    }

    /** Total volume in the window. */
    public double totalVolume() {
        return total;
    }

    /** {@code signedVolume / totalVolume}, clamped to [-1, 1] against rounding; NaN when empty. */
    public double imbalance() {
        return entries.isEmpty() ? Double.NaN : Math.max(-1, Math.min(1, signed / total));
    }

    /** The trades in the window, oldest first, the running sums and the tick rule, exact. */
    public State state() {
        return new State(List.copyOf(entries), signed, total, lastTimestamp, tickRule.state());
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        entries.clear();
        entries.addAll(state.entries());
        signed = state.signed();
        total = state.total();
        lastTimestamp = state.lastTimestamp();
        tickRule.restore(state.tickRule());
    }

    /** One trade in the window. */
    public record Entry(long timestampMicros, double signedVolume, double volume) {}

    /** The window's trades in order, the running sums (with their rounding), the last time and the tick rule. */
    public record State(
            List<Entry> entries, double signed, double total, long lastTimestamp, TickRule.State tickRule) {}
}

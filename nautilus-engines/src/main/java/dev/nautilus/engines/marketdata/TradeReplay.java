package dev.nautilus.engines.marketdata;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds recorded trades into the hub at a chosen speed: {@code speed = 1} replays in real time,
 * {@code 60} a minute per second, {@code 0} as fast as possible. Waiting parks the thread until the
 * next trade is due (no busy polling). Bars are flushed at the end, so the last minute is published.
 */
public final class TradeReplay {

    private static final Logger LOG = LoggerFactory.getLogger(TradeReplay.class);

    private final MarketDataHub hub;
    private final double speed;

    /**
     * @param hub   where trades go
     * @param speed replay speed multiplier, {@code >= 0}; 0 = as fast as possible
     */
    public TradeReplay(MarketDataHub hub, double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(
                    "replay speed must be a finite number >= 0 (0 = as fast as possible), was " + speed);
        }
        this.hub = hub;
        this.speed = speed;
    }

    /**
     * Replays {@code trades} in order until done or {@code stop} says so.
     *
     * @return how many trades the hub accepted
     */
    public long run(List<Trade> trades, BooleanSupplier stop) {
        long accepted = 0;
        long startNanos = System.nanoTime();
        long firstMicros = trades.isEmpty() ? 0 : trades.getFirst().timestampMicros();
        for (Trade trade : trades) {
            if (stop.getAsBoolean()) {
                break;
            }
            if (speed > 0) {
                long dueNanos = startNanos + (long) ((trade.timestampMicros() - firstMicros) * 1_000 / speed);
                for (long wait = dueNanos - System.nanoTime();
                        wait > 0 && !stop.getAsBoolean();
                        wait = dueNanos - System.nanoTime()) {
                    LockSupport.parkNanos(Math.min(wait, 100_000_000L));
                }
            }
            accepted += hub.ingest(trade) ? 1 : 0;
        }
        hub.flushBars();
        LOG.info(
                "replay finished trades={} accepted={} seconds={}",
                trades.size(),
                accepted,
                String.format("%.2f", (System.nanoTime() - startNanos) / 1e9));
        return accepted;
    }
}

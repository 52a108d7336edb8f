package dev.nautilus.engines.vpin;

import dev.nautilus.engines.marketdata.Trade;
import java.util.List;

/** Bucket sizing as in Easley, López de Prado and O'Hara (2012): a fiftieth of the average daily volume. */
public final class VpinBuckets {

    /** Buckets per average day, the paper's choice. */
    public static final int BUCKETS_PER_DAY = 50;

    private VpinBuckets() {
    }

    /**
     * The average daily volume of the trades divided by {@link #BUCKETS_PER_DAY}.
     *
     * @throws IllegalArgumentException when there are no trades or no volume
     */
    public static double paperBucketVolume(List<Trade> trades) {
        if (trades.isEmpty()) {
            throw new IllegalArgumentException("cannot size VPIN buckets from no trades");
        }
        double volume = trades.stream().mapToDouble(Trade::size).sum();
        double days = Math.max(1e-9, (trades.get(trades.size() - 1).timestampMicros() - trades.get(0).timestampMicros()) / 86_400e6);
        if (!(volume > 0)) {
            throw new IllegalArgumentException("cannot size VPIN buckets: the trades have no volume");
        }
        return volume / Math.max(days, 1.0) / BUCKETS_PER_DAY;
    }
}

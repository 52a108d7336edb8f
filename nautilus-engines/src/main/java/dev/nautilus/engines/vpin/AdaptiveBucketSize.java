package dev.nautilus.engines.vpin;

/**
 * Bucket size that follows recent activity: {@code V = EWMA(volume per period) / bucketsPerPeriod}.
 *
 * <p>Volume is summed per epoch-aligned period (a day by default). When a trade arrives in a later
 * period, the finished period's volume updates the EWMA ({@code ewma = α·v + (1-α)·ewma}, the first
 * counted period sets it). Two choices, documented because they matter:
 * <ul>
 *   <li>the <b>first</b> period seen is not counted: a feed rarely starts at a period boundary, and
 *       a partial period would understate volume;</li>
 *   <li>periods with <b>no trades</b> (weekends, halts) are skipped, not averaged in as zeros, so a
 *       closed market does not shrink the buckets.</li>
 * </ul>
 * Until a period has been counted the size is the configured initial size.
 */
public final class AdaptiveBucketSize {

    private final double initialBucketVolume;
    private final long periodMicros;
    private final int bucketsPerPeriod;
    private final double alpha;
    private long currentPeriod = Long.MIN_VALUE;
    private boolean firstPeriod = true;
    private double periodVolume;
    private double ewma = Double.NaN;

    /**
     * @param initialBucketVolume size used until a full period was seen, {@code > 0}
     * @param periodMicros        period length, {@code > 0}
     * @param bucketsPerPeriod    target buckets per period, {@code >= 1} (the paper: 50 per day)
     * @param alpha               EWMA weight of the newest period, in (0, 1]
     */
    public AdaptiveBucketSize(double initialBucketVolume, long periodMicros, int bucketsPerPeriod, double alpha) {
        if (!Double.isFinite(initialBucketVolume) || initialBucketVolume <= 0) {
            throw new IllegalArgumentException(
                    "initialBucketVolume must be finite and > 0, was " + initialBucketVolume);
        }
        if (periodMicros <= 0 || bucketsPerPeriod < 1) {
            throw new IllegalArgumentException(
                    "periodMicros must be > 0 and bucketsPerPeriod >= 1: " + periodMicros + ", " + bucketsPerPeriod);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        this.initialBucketVolume = initialBucketVolume;
        this.periodMicros = periodMicros;
        this.bucketsPerPeriod = bucketsPerPeriod;
        this.alpha = alpha;
    }

    /** Records traded volume at {@code timestampMicros} (non-decreasing). */
    public void onVolume(long timestampMicros, double volume) {
        if (!Double.isFinite(volume) || volume < 0) {
            throw new IllegalArgumentException("volume must be finite and >= 0, was " + volume);
        }
        long period = Math.floorDiv(timestampMicros, periodMicros);
        if (period < currentPeriod) {
            throw new IllegalArgumentException("timestampMicros went back to an earlier period: " + timestampMicros);
        }
        if (period != currentPeriod) {
            if (currentPeriod != Long.MIN_VALUE) {
                if (firstPeriod) {
                    firstPeriod = false;
                } else {
                    ewma = Double.isNaN(ewma) ? periodVolume : alpha * periodVolume + (1 - alpha) * ewma;
                }
            }
            currentPeriod = period;
            periodVolume = 0;
        }
        periodVolume += volume;
    }

    /** Current bucket size. */
    public double bucketVolume() {
        return Double.isNaN(ewma) ? initialBucketVolume : ewma / bucketsPerPeriod;
    }

    /** EWMA of volume per period; NaN until a period has been counted. */
    public double volumePerPeriod() {
        return ewma;
    }

    /** The current period, its volume so far and the average of completed periods, exact. */
    public State state() {
        return new State(currentPeriod, firstPeriod, periodVolume, ewma);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        currentPeriod = state.currentPeriod();
        firstPeriod = state.firstPeriod();
        periodVolume = state.periodVolume();
        ewma = state.ewma();
    }

    /** The open period (Long.MIN_VALUE before any volume), whether it is the first, its volume and the EWMA (NaN until one). */
    public record State(long currentPeriod, boolean firstPeriod, double periodVolume, double ewma) {}
}

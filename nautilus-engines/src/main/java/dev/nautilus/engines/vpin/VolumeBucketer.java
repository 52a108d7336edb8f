package dev.nautilus.engines.vpin;

import java.util.ArrayList;
import java.util.List;

/**
 * Pours classified volume into buckets of a target size, splitting a slice that overflows a bucket.
 *
 * <p>A bucket is complete when its fill reaches the target within a relative 1e-12 (so rounding in
 * {@code target - fill} cannot leave a dust bucket open). The target can change with
 * {@link #setBucketVolume}; the change applies from the next bucket started, so every bucket is
 * filled to the size it began with. Not thread-safe.
 */
public final class VolumeBucketer {

    private double nextTarget;
    private double target;
    private double filled;
    private double buy;
    private long startMicros;
    private long sequence;

    /** @param bucketVolume target bucket size, finite and {@code > 0} */
    public VolumeBucketer(double bucketVolume) {
        setBucketVolume(bucketVolume);
        this.target = bucketVolume;
    }

    /** Sets the size of buckets started from now on. */
    public void setBucketVolume(double bucketVolume) {
        if (!Double.isFinite(bucketVolume) || bucketVolume <= 0) {
            throw new IllegalArgumentException("bucketVolume must be finite and > 0, was " + bucketVolume);
        }
        this.nextTarget = bucketVolume;
    }

    /**
     * Adds {@code volume} of which the fraction {@code buyFraction} is buyer-initiated; returns the
     * buckets it completed (none, one, or several for a large slice).
     */
    public List<VolumeBucket> add(long timestampMicros, double volume, double buyFraction) {
        if (!Double.isFinite(volume) || volume < 0) {
            throw new IllegalArgumentException("volume must be finite and >= 0, was " + volume);
        }
        if (!(buyFraction >= 0 && buyFraction <= 1)) {
            throw new IllegalArgumentException("buyFraction must be in [0, 1], was " + buyFraction);
        }
        List<VolumeBucket> done = List.of();
        double left = volume;
        while (left > 0) {
            if (filled == 0) {
                target = nextTarget;
                startMicros = timestampMicros;
            }
            double take = Math.min(left, target - filled);
            filled += take;
            buy += take * buyFraction;
            left -= take;
            if (target - filled <= target * 1e-12) {
                if (done.isEmpty()) {
                    done = new ArrayList<>(1);
                }
                done.add(new VolumeBucket(sequence++, startMicros, timestampMicros, target, Math.min(buy, target)));
                filled = 0;
                buy = 0;
                if (left <= target * 1e-12) {
                    left = 0; // dust from the split, not a new bucket's worth of information
                }
            }
        }
        return done;
    }

    /** The open bucket's fill and the sizes, exact (see {@link #restore}). */
    public State state() {
        return new State(nextTarget, target, filled, buy, startMicros, sequence);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        setBucketVolume(state.nextTarget());
        target = state.target();
        filled = state.filled();
        buy = state.buy();
        startMicros = state.startMicros();
        sequence = state.sequence();
    }

    /** The open bucket: its target, its fill and buy volume, its start, and the buckets completed before it. */
    public record State(double nextTarget, double target, double filled, double buy, long startMicros, long sequence) {}

    /** Volume in the open, incomplete bucket. */
    public double openBucketVolume() {
        return filled;
    }

    /** Size of the open bucket (or of the next one, when none is open). */
    public double currentBucketVolume() {
        return filled == 0 ? nextTarget : target;
    }

    /** Buckets completed so far. */
    public long completedBuckets() {
        return sequence;
    }
}

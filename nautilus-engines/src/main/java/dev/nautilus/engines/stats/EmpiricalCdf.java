package dev.nautilus.engines.stats;

import java.util.Arrays;

/**
 * Empirical CDF of the last {@code capacity} values: {@code F(x) = #{values ≤ x} / count}.
 *
 * <p>Keeps the values both in arrival order (a ring, to know which to evict) and sorted (to answer
 * by binary search). Insertion and eviction shift the sorted array, O(capacity) worst case with a
 * fast {@code System.arraycopy}; that is fine at the rate it is fed (one VPIN per volume bucket,
 * tens to thousands a day) and, unlike a histogram, is exact.
 */
public final class EmpiricalCdf {

    private final double[] ring;
    private final double[] sorted;
    private int next;
    private int count;

    /** @param capacity values kept, {@code >= 1} */
    public EmpiricalCdf(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.ring = new double[capacity];
        this.sorted = new double[capacity];
    }

    /** Adds a finite value, evicting the oldest when full. */
    public void add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value must be finite, was " + x);
        }
        x += 0.0; // -0.0 → 0.0: binarySearch orders -0.0 before 0.0, the comparisons here do not
        if (count == ring.length) {
            double old = ring[next];
            int at = Arrays.binarySearch(sorted, 0, count, old);
            System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
            count--;
        }
        ring[next] = x;
        next = (next + 1) % ring.length;
        int at = upperBound(x);
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = x;
        count++;
    }

    /** {@code #{values ≤ x} / count}; NaN when empty. */
    public double cdf(double x) {
        return count == 0 ? Double.NaN : (double) upperBound(x) / count;
    }

    /** Values held. */
    public int count() {
        return count;
    }

    /** The values held, oldest first, exact (see {@link #restore}). */
    public double[] state() {
        double[] values = new double[count];
        int oldest = count == ring.length ? next : 0;
        for (int i = 0; i < count; i++) {
            values[i] = ring[(oldest + i) % ring.length];
        }
        return values;
    }

    /**
     * Replaces the values held with {@code values} (oldest first, as {@link #state} gives them), so
     * that the CDF and the order of eviction continue as if they had been added here.
     */
    public void restore(double[] values) {
        if (values.length > ring.length) {
            throw new IllegalArgumentException(
                    "the state holds " + values.length + " values, the capacity is " + ring.length);
        }
        next = 0;
        count = 0;
        for (double v : values) {
            add(v);
        }
    }

    /** Index of the first value greater than {@code x}. */
    private int upperBound(double x) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package dev.nautilus.engines.risk;

import java.util.Arrays;

/**
 * The last {@code capacity} returns, kept in arrival order and, as losses ({@code -return}),
 * ascending: each new return costs a binary search and a shift of the sorted array instead of a
 * sort of the whole window, which made the Risk engine the pipeline's slowest consumer (two sorts
 * of 500 values per portfolio update). The sorted losses are exactly those a sort of the window
 * gives ({@link Arrays#sort(double[])}'s order, {@code -0.0} before {@code 0.0}), so the figures
 * do not change.
 */
final class ReturnWindow {

    private final double[] arrivals;
    private final double[] sortedLosses;
    private int oldest;
    private int size;

    ReturnWindow(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a return window needs room for 2 returns, was " + capacity);
        }
        arrivals = new double[capacity];
        sortedLosses = new double[capacity];
    }

    /** Adds a return, forgetting the oldest once the window is full. */
    void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a return must be finite, was " + value);
        }
        if (size == arrivals.length) {
            removeLoss(-arrivals[oldest]);
            arrivals[oldest] = value;
            oldest = (oldest + 1) % arrivals.length;
            size--;
        } else {
            arrivals[(oldest + size) % arrivals.length] = value;
        }
        insertLoss(-value);
        size++;
    }

    /** Forgets every return (a restore refills the window). */
    void clear() {
        oldest = 0;
        size = 0;
    }

    int size() {
        return size;
    }

    /** The losses, ascending, in the first {@link #size()} slots (a view: not to be modified). */
    double[] sortedLosses() {
        return sortedLosses;
    }

    /** The returns, oldest first, in a new array. */
    double[] returns() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = arrivals[(oldest + i) % arrivals.length];
        }
        return out;
    }

    private void insertLoss(double loss) {
        int at = Arrays.binarySearch(sortedLosses, 0, size, loss);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sortedLosses, at, sortedLosses, at + 1, size - at);
        sortedLosses[at] = loss;
    }

    private void removeLoss(double loss) {
        int at = Arrays.binarySearch(sortedLosses, 0, size, loss);
        if (at < 0) {
            throw new IllegalStateException("loss " + loss + " not in the window"); // cannot happen: it was added
        }
        System.arraycopy(sortedLosses, at + 1, sortedLosses, at, size - at - 1);
    }
}

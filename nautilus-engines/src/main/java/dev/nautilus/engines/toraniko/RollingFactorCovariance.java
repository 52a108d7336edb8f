package dev.nautilus.engines.toraniko;

import java.util.ArrayDeque;
import java.util.Optional;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Sample covariance (divisor n-1) of the factor returns of the last {@code window} periods. Plain
 * sample covariance rather than toraniko's Ledoit-Wolf option: with {@code window} well above the
 * factor count it is well conditioned, and it is what a reader can check by hand. Not thread-safe.
 */
public final class RollingFactorCovariance {

    private final int window;
    private final ArrayDeque<double[]> rows = new ArrayDeque<>();

    /** @param window periods kept, {@code >= 2} */
    public RollingFactorCovariance(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be >= 2, was " + window);
        }
        this.window = window;
    }

    /**
     * Adds one period's factor returns; a vector of another length starts the window over (the
     * factor set changed, so older periods no longer line up).
     */
    public void add(double[] factorReturns) {
        if (!rows.isEmpty() && rows.peekFirst().length != factorReturns.length) {
            rows.clear();
        }
        if (rows.size() == window) {
            rows.pollFirst();
        }
        rows.addLast(factorReturns.clone());
    }

    /** Periods held. */
    public int periods() {
        return rows.size();
    }

    /** The covariance matrix, once two periods are held. */
    public Optional<double[][]> covariance() {
        if (rows.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Covariance(rows.toArray(new double[0][]), true)
                .getCovarianceMatrix()
                .getData());
    }
}

package dev.nautilus.engines.ml;

/**
 * Out-of-sample score of probabilistic forecasts, accumulated as outcomes arrive: hit rate (the
 * forecast direction is up when {@code p > 0.5}) and mean log-loss
 * {@code -[y ln p + (1-y) ln(1-p)]}, with {@code p} clipped to {@code [1e-15, 1 - 1e-15]} (the
 * scikit-learn convention) so one confident miss is costly but finite.
 */
public final class LiveScore {

    private static final double EPS = 1e-15;

    private long count;
    private long hits;
    private double logLoss;

    /** Scores a forecast {@code probabilityUp} against the realised direction. */
    public void record(double probabilityUp, boolean up) {
        double p = Math.min(1 - EPS, Math.max(EPS, probabilityUp));
        count++;
        hits += (p > 0.5) == up ? 1 : 0;
        logLoss -= up ? Math.log(p) : Math.log(1 - p);
    }

    /** Forecasts scored. */
    public long count() {
        return count;
    }

    /** Hit rate, NaN before the first outcome. */
    public double accuracy() {
        return count == 0 ? Double.NaN : (double) hits / count;
    }

    /** Mean log-loss, NaN before the first outcome. */
    public double logLoss() {
        return count == 0 ? Double.NaN : logLoss / count;
    }
}

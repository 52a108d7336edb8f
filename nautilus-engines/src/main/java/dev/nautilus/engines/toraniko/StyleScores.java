package dev.nautilus.engines.toraniko;

import dev.nautilus.engines.stats.CrossSectionalScores;

/**
 * The style factor scores of {@code toraniko} ({@code styles.py}), one cross-section at a time.
 * Arrays are indexed by asset.
 */
public final class StyleScores {

    private StyleScores() {}

    /**
     * Raw momentum of one asset (toraniko's {@code factor_mom} before normalisation): the returns are
     * lagged by {@code lag}, the {@code trailing} returns ending {@code lag} periods ago are weighted
     * by {@code w_j = 2^{-(trailing-1-j)/halfLife}} (the newest weighs 1) and compounded:
     * {@code Π (1 + w_j r_j) - 1}.
     *
     * @param returns one-period returns, oldest first, at least {@code trailing + lag} of them
     * @throws IllegalArgumentException with too few returns
     */
    public static double momentum(double[] returns, int trailing, int halfLife, int lag) {
        if (returns.length < trailing + lag) {
            throw new IllegalArgumentException(
                    "momentum needs " + (trailing + lag) + " returns, got " + returns.length);
        }
        double decay = Math.log(2) / halfLife;
        int end = returns.length - lag; // exclusive
        double growth = 1.0;
        for (int j = 0; j < trailing; j++) {
            double weight = Math.exp(-decay * (trailing - 1 - j));
            growth *= 1 + weight * returns[end - trailing + j];
        }
        return growth - 1;
    }

    /** Momentum scores: raw momenta winsorised at {@code winsor}, centred and scaled. */
    public static double[] momentumScores(double[] rawMomentum, double winsor) {
        return CrossSectionalScores.winsorizedZScores(rawMomentum, winsor);
    }

    /**
     * Size scores ({@code factor_sze}): {@code -standardise(ln cap)}; negative so the factor earns the
     * small-cap premium.
     */
    public static double[] sizeScores(double[] marketCaps) {
        double[] logCap = new double[marketCaps.length];
        for (int i = 0; i < logCap.length; i++) {
            logCap[i] = Math.log(marketCaps[i]);
        }
        double[] z = CrossSectionalScores.centerAndScale(logCap);
        for (int i = 0; i < z.length; i++) {
            z[i] = -z[i];
        }
        return z;
    }

    /**
     * Value scores ({@code factor_val}): each of book/price, sales/price, cash-flow/price is
     * winsorised at {@code winsor}; book/price and sales/price are logged; each is standardised; the
     * score is their mean, standardised again.
     */
    public static double[] valueScores(
            double[] bookToPrice, double[] salesToPrice, double[] cashFlowToPrice, double winsor) {
        double[] bp = log(CrossSectionalScores.winsorize(bookToPrice, winsor));
        double[] sp = log(CrossSectionalScores.winsorize(salesToPrice, winsor));
        double[] cf = CrossSectionalScores.winsorize(cashFlowToPrice, winsor);
        double[] zb = CrossSectionalScores.centerAndScale(bp);
        double[] zs = CrossSectionalScores.centerAndScale(sp);
        double[] zc = CrossSectionalScores.centerAndScale(cf);
        double[] mean = new double[bp.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (zb[i] + zs[i] + zc[i]) / 3;
        }
        return CrossSectionalScores.centerAndScale(mean);
    }

    private static double[] log(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            if (!(values[i] > 0)) {
                throw new IllegalArgumentException("ratio must be > 0 to take its log, was " + values[i] + " at " + i);
            }
            out[i] = Math.log(values[i]);
        }
        return out;
    }
}

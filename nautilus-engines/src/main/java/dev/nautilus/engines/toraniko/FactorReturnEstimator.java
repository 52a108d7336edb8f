package dev.nautilus.engines.toraniko;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * One period's factor returns by the method of {@code toraniko}'s {@code factor_returns_cs}.
 *
 * <p>Model {@code r = 1·f_market + S·f_sector + X·f_style + ε}, weights {@code w_i = √cap_i} (the
 * Barra/Axioma proxy for inverse specific variance). Two stages, as in toraniko:
 * <ol>
 *   <li>Market and sectors: minimise {@code Σ w_i (r_i - (B g)_i)²} under {@code Σ c_s f_s = 0}. The
 *       constraint is built in by a change of variables {@code f = R g}, {@code R = [I_m; a]}, whose
 *       last row expresses the last sector through the others, {@code a = (0, -c_1/c_m, …, -c_{m-1}/c_m)}
 *       (toraniko: all {@code -1}), and {@code B = [1, S] R}.</li>
 *   <li>Styles: the same weighted least squares of the stage-1 residuals (or of the returns, when not
 *       residualising) on the style scores.</li>
 * </ol>
 * Residuals are the stage-1 residuals minus the fitted style part. Each weighted least squares is
 * solved as the minimum-norm solution of {@code D A x ≈ D y}, {@code D = diag(√w)}, by singular value
 * decomposition (toraniko uses {@code numpy.linalg.lstsq}, also SVD-based and robust to rank deficiency).
 */
public final class FactorReturnEstimator {

    private FactorReturnEstimator() {}

    /**
     * Estimates one period.
     *
     * @param returns      asset returns
     * @param marketCaps   asset market caps, {@code > 0}
     * @param sector       each asset's sector in {@code [0, sectorCount)}; every sector must have an asset
     * @param sectorCount  number of sectors, {@code >= 1}
     * @param styles       style scores, {@code styles[asset][style]}
     * @param constraint   how the sector returns are tied down
     * @param residualizeStyles whether styles are fitted to the market/sector residuals
     * @throws IllegalArgumentException on inconsistent sizes, non-positive caps, non-finite values or an empty sector
     */
    public static PeriodEstimate estimate(
            double[] returns,
            double[] marketCaps,
            int[] sector,
            int sectorCount,
            double[][] styles,
            SectorConstraint constraint,
            boolean residualizeStyles) {
        int n = returns.length;
        int styleCount = validate(returns, marketCaps, sector, sectorCount, styles);
        double[] constraintWeights = constraintWeights(marketCaps, sector, sectorCount, constraint);
        double[] rootWeights = new double[n];
        for (int i = 0; i < n; i++) {
            rootWeights[i] = Math.sqrt(Math.sqrt(marketCaps[i])); // √w with w = √cap
        }
        double[][] b = new double[n][sectorCount];
        double lastSectorWeight = constraintWeights[sectorCount - 1];
        for (int i = 0; i < n; i++) {
            b[i][0] = 1;
            for (int j = 0; j < sectorCount - 1; j++) {
                double inLast = sector[i] == sectorCount - 1 ? constraintWeights[j] / lastSectorWeight : 0;
                b[i][1 + j] = (sector[i] == j ? 1 : 0) - inLast;
            }
        }
        double[] g = weightedLeastSquares(b, returns, rootWeights);
        double[] factors = new double[1 + sectorCount + styleCount];
        factors[0] = g[0];
        double lastSector = 0;
        for (int j = 0; j < sectorCount - 1; j++) {
            factors[1 + j] = g[1 + j];
            lastSector -= constraintWeights[j] / lastSectorWeight * g[1 + j];
        }
        factors[sectorCount] = lastSector;
        double[] sectorResiduals = minus(returns, b, g);
        double[] styleReturns = styleCount == 0
                ? new double[0]
                : weightedLeastSquares(styles, residualizeStyles ? sectorResiduals : returns, rootWeights);
        System.arraycopy(styleReturns, 0, factors, 1 + sectorCount, styleCount);
        double[] residuals = styleCount == 0 ? sectorResiduals : minus(sectorResiduals, styles, styleReturns);
        return new PeriodEstimate(factors, residuals);
    }

    /** The {@code c_s} of the constraint {@code Σ c_s f_s = 0}. */
    static double[] constraintWeights(double[] marketCaps, int[] sector, int sectorCount, SectorConstraint constraint) {
        double[] c = new double[sectorCount];
        switch (constraint) {
            case EQUAL -> java.util.Arrays.fill(c, 1.0);
            case CAP_WEIGHTED -> {
                double total = 0;
                for (int i = 0; i < marketCaps.length; i++) {
                    c[sector[i]] += marketCaps[i];
                    total += marketCaps[i];
                }
                for (int s = 0; s < sectorCount; s++) {
                    c[s] /= total;
                }
            }
        }
        return c;
    }

    /** Minimum-norm {@code x} minimising {@code Σ rootWeights_i² (y_i - (A x)_i)²}. */
    private static double[] weightedLeastSquares(double[][] a, double[] y, double[] rootWeights) {
        int n = a.length;
        int k = a[0].length;
        RealMatrix da = new Array2DRowRealMatrix(n, k);
        RealVector dy = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                da.setEntry(i, j, rootWeights[i] * a[i][j]);
            }
            dy.setEntry(i, rootWeights[i] * y[i]);
        }
        return new SingularValueDecomposition(da).getSolver().solve(dy).toArray();
    }

    private static double[] minus(double[] y, double[][] a, double[] x) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < x.length; j++) {
                out[i] -= a[i][j] * x[j];
            }
        }
        return out;
    }

    private static int validate(double[] returns, double[] caps, int[] sector, int sectorCount, double[][] styles) {
        int n = returns.length;
        if (n == 0 || caps.length != n || sector.length != n || styles.length != n) {
            throw new IllegalArgumentException("returns, caps, sectors and styles must have one entry per asset, got "
                    + n + ", " + caps.length + ", " + sector.length + ", " + styles.length);
        }
        if (sectorCount < 1) {
            throw new IllegalArgumentException("sectorCount must be >= 1, was " + sectorCount);
        }
        int styleCount = styles[0].length;
        boolean[] populated = new boolean[sectorCount];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(returns[i]) || !(caps[i] > 0) || Double.isInfinite(caps[i])) {
                throw new IllegalArgumentException("asset " + i
                        + ": return must be finite and cap finite and > 0, were " + returns[i] + ", " + caps[i]);
            }
            if (sector[i] < 0 || sector[i] >= sectorCount) {
                throw new IllegalArgumentException(
                        "asset " + i + ": sector " + sector[i] + " outside [0, " + sectorCount + ")");
            }
            populated[sector[i]] = true;
            if (styles[i].length != styleCount) {
                throw new IllegalArgumentException(
                        "asset " + i + " has " + styles[i].length + " style scores, asset 0 has " + styleCount);
            }
            for (double s : styles[i]) {
                if (!Double.isFinite(s)) {
                    throw new IllegalArgumentException("asset " + i + ": style scores must be finite, were "
                            + java.util.Arrays.toString(styles[i]));
                }
            }
        }
        for (int s = 0; s < sectorCount; s++) {
            if (!populated[s]) {
                throw new IllegalArgumentException("sector " + s + " has no asset; its return is not identified");
            }
        }
        return styleCount;
    }
}

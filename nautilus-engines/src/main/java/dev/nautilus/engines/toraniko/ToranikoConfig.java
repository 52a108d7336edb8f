package dev.nautilus.engines.toraniko;

import java.util.Objects;

/**
 * Parameters of the risk model, named as in {@code toraniko}.
 *
 * @param momentumTrailing   periods in the momentum window ({@code trailing_days})
 * @param momentumHalfLife   half-life of the exponential weights, in periods ({@code half_life})
 * @param momentumLag        most recent periods left out of momentum ({@code lag})
 * @param momentumWinsor     momentum winsorisation percentile (toraniko: 0.01)
 * @param valueWinsor        winsorisation percentile of the value ratios (toraniko: 0.05)
 * @param returnsWinsor      winsorisation percentile of asset returns before estimation (toraniko: 0.05)
 * @param residualizeStyles  whether style returns are estimated on the market/sector residuals (toraniko: true)
 * @param constraint         the sector constraint
 * @param covarianceWindow   factor-return periods in the rolling factor covariance, {@code >= 2}
 */
public record ToranikoConfig(
        int momentumTrailing,
        int momentumHalfLife,
        int momentumLag,
        double momentumWinsor,
        double valueWinsor,
        double returnsWinsor,
        boolean residualizeStyles,
        SectorConstraint constraint,
        int covarianceWindow) {

    public ToranikoConfig {
        Objects.requireNonNull(constraint, "constraint");
        if (momentumTrailing < 1 || momentumHalfLife < 1 || momentumLag < 0) {
            throw new IllegalArgumentException("momentumTrailing and momentumHalfLife must be >= 1, momentumLag >= 0: "
                    + momentumTrailing + ", " + momentumHalfLife + ", " + momentumLag);
        }
        for (double p : new double[] {momentumWinsor, valueWinsor, returnsWinsor}) {
            if (!(p >= 0 && p < 0.5)) {
                throw new IllegalArgumentException("winsorisation percentiles must be in [0, 0.5): " + momentumWinsor
                        + ", " + valueWinsor + ", " + returnsWinsor);
            }
        }
        if (covarianceWindow < 2) {
            throw new IllegalArgumentException("covarianceWindow must be >= 2, was " + covarianceWindow);
        }
    }

    /**
     * toraniko's recipe scaled from days to one-minute bars: momentum over 60 periods with a 20-period
     * half-life, skipping the last 5; toraniko's winsorisation; cap-weighted sector constraint; a
     * 60-period factor covariance.
     */
    public static ToranikoConfig defaults() {
        return new ToranikoConfig(60, 20, 5, 0.01, 0.05, 0.05, true, SectorConstraint.CAP_WEIGHTED, 60);
    }

    /** One-period returns momentum needs. */
    public int returnsNeeded() {
        return momentumTrailing + momentumLag;
    }
}

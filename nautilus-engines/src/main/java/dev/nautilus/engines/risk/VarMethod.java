package dev.nautilus.engines.risk;

/** How a VaR/ES figure was computed. */
public enum VarMethod {
    /** Empirical quantile of the observed losses. */
    HISTORICAL,
    /** Normal distribution with the sample mean and standard deviation. */
    PARAMETRIC_NORMAL
}

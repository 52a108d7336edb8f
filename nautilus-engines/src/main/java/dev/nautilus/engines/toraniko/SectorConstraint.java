package dev.nautilus.engines.toraniko;

/**
 * How the sector factor returns are tied down. Market and sector exposures are collinear (every asset
 * is in the market and in exactly one sector), so one linear constraint on the sector returns is
 * needed to identify them: {@code Σ c_s f_s = 0}.
 */
public enum SectorConstraint {
    /** {@code c_s = 1}: sector returns sum to zero, the {@code toraniko} library's constraint. */
    EQUAL,
    /**
     * {@code c_s} = the sector's share of the cross-section's market cap (the Barra convention):
     * the cap-weighted sector returns sum to zero, so the market factor is the cap-weighted market.
     */
    CAP_WEIGHTED
}

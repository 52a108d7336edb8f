package dev.nautilus.engines.toraniko;

import java.util.List;

/**
 * One period of the risk model ({@code FACTOR_CALCULATION} on {@code factor.return.toraniko.<universe>}).
 *
 * @param universe          universe name
 * @param periodStartMicros end of the previous cross-section: exposures and caps are as of then
 * @param periodEndMicros   end of this cross-section: returns run from start to end
 * @param factors           factor names: {@code market}, the sectors, then {@code momentum}, {@code value}, {@code size}
 * @param returns           factor returns, aligned with {@code factors}
 * @param residuals         specific (residual) return per asset, in symbol order
 */
public record FactorReturns(
        String universe,
        long periodStartMicros,
        long periodEndMicros,
        List<String> factors,
        List<Double> returns,
        List<AssetResidual> residuals) {

    public FactorReturns {
        factors = List.copyOf(factors);
        returns = List.copyOf(returns);
        residuals = List.copyOf(residuals);
    }

    /** An asset's specific return in the period. */
    public record AssetResidual(String symbol, double residual) {}
}

package dev.nautilus.engines.toraniko;

import java.util.List;

/**
 * The rolling factor covariance after a period ({@code FACTOR_CALCULATION} on
 * {@code factor.model.toraniko.<universe>}).
 *
 * @param universe   universe name
 * @param endMicros  end of the latest period in the window
 * @param factors    factor names, the row and column order of {@code covariance}
 * @param periods    periods in the window
 * @param covariance sample covariance of the factor returns, per period (not annualised)
 */
public record FactorCovarianceUpdate(
        String universe, long endMicros, List<String> factors, int periods, List<List<Double>> covariance) {

    public FactorCovarianceUpdate {
        factors = List.copyOf(factors);
        covariance = covariance.stream().map(List::copyOf).toList();
    }
}

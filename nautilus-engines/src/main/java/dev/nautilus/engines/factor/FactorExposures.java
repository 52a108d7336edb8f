package dev.nautilus.engines.factor;

import java.util.List;

/**
 * The Factor engine's output at a rebalance ({@code FACTOR_CALCULATION} on
 * {@code factor.calculation.<universe>}).
 *
 * @param universe        universe name
 * @param endMicros       end of the interval the exposures are as of
 * @param exposures       per eligible instrument, in symbol order
 * @param universeSize    members of the universe
 * @param ineligible      members left out for lack of history in this cross-section
 */
public record FactorExposures(
        String universe, long endMicros, List<InstrumentExposure> exposures, int universeSize, int ineligible) {

    public FactorExposures {
        exposures = List.copyOf(exposures);
    }
}

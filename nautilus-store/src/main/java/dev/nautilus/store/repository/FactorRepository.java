package dev.nautilus.store.repository;

import dev.nautilus.store.model.FactorExposure;
import dev.nautilus.store.model.FactorReturn;
import java.time.Instant;
import java.util.List;

/** Stored factor exposures and factor returns. */
public interface FactorRepository {

    /** All exposures of the latest cross-section at or before {@code asOf}, by symbol then factor. */
    List<FactorExposure> latestExposures(Instant asOf);

    /** Returns of one factor, oldest first, offset-paginated. */
    List<FactorReturn> returns(String factor, TimeRange range, long offset, int limit);
}

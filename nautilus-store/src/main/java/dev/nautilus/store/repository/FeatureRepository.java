package dev.nautilus.store.repository;

import dev.nautilus.store.model.FeatureValue;
import java.util.List;

/** Stored feature values. */
public interface FeatureRepository {

    /** Values of one feature of one symbol, oldest first, offset-paginated. */
    List<FeatureValue> values(String symbol, String feature, TimeRange range, long offset, int limit);
}

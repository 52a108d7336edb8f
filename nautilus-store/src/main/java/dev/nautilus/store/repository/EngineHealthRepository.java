package dev.nautilus.store.repository;

import dev.nautilus.store.model.EngineHealthSample;
import java.util.List;

/** Stored engine health samples. */
public interface EngineHealthRepository {

    /** The latest sample of every engine, by engine name. */
    List<EngineHealthSample> latest();

    /** Samples of one engine, oldest first, offset-paginated. */
    List<EngineHealthSample> history(String engine, TimeRange range, long offset, int limit);
}

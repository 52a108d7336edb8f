package dev.nautilus.store.repository;

import dev.nautilus.store.model.BarInterval;
import dev.nautilus.store.model.BarRow;
import java.util.List;

/** Bars stored as published (not computed). */
public interface BarRepository {

    /** Stored bars of one symbol and interval, oldest first, offset-paginated. */
    List<BarRow> bars(String symbol, BarInterval interval, TimeRange range, long offset, int limit);
}

package dev.nautilus.store.repository;

import dev.nautilus.store.model.VpinPoint;
import java.util.List;

/** Stored VPIN series. */
public interface VpinRepository {

    /**
     * VPIN points of one symbol in a time range, in bucket order, keyset-paginated by bucket.
     *
     * @param afterBucket return buckets strictly greater than this; -1 for the first page
     */
    List<VpinPoint> series(String symbol, TimeRange range, long afterBucket, int limit);
}

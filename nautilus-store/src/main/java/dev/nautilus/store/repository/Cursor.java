package dev.nautilus.store.repository;

import java.time.Instant;
import java.util.Objects;

/**
 * Keyset position: the {@code (ts, id)} of the last row of a page. The next page starts strictly
 * after it, so pages stay stable while new rows arrive.
 *
 * @param ts time of the last row returned
 * @param id id of the last row returned
 */
public record Cursor(Instant ts, String id) {

    public Cursor {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(id, "id");
    }
}

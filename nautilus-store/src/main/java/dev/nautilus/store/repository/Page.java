package dev.nautilus.store.repository;

import java.util.List;
import java.util.Optional;

/**
 * One page of a keyset-paginated query.
 *
 * @param items the rows, oldest first
 * @param next  where the next page starts, empty when this page was not full
 * @param <T>   row type
 */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    public Page {
        items = List.copyOf(items);
    }
}

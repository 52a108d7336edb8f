package dev.nautilus.store.repository;

/** Checks paging arguments so a bad caller gets a clear message instead of a SQL error. */
public final class Limits {

    /** Largest page any query returns. */
    public static final int MAX_LIMIT = 100_000;

    private Limits() {}

    /** A page size in {@code [1, MAX_LIMIT]}. */
    public static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
        }
        return limit;
    }

    /** A non-negative offset. */
    public static long offset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        return offset;
    }
}

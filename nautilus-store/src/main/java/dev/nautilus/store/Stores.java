package dev.nautilus.store;

import dev.nautilus.store.duckdb.DuckDbStores;
import dev.nautilus.store.postgres.PostgresStores;

/** Opens the configured store: PostgreSQL when a JDBC URL is configured, the embedded DuckDB file otherwise. */
public final class Stores {

    private Stores() {}

    /** Opens (and migrates) the store described by {@code config}. */
    public static Store open(StoreConfig config) {
        return config.usesPostgres() ? PostgresStores.open(config) : DuckDbStores.open(config);
    }
}

package dev.nautilus.app.config;

import dev.nautilus.bus.Redaction;
import java.util.Optional;

/**
 * Where history is stored. With no JDBC URL, the embedded store under the data directory.
 *
 * @param jdbcUrl  PostgreSQL JDBC URL, or empty for the embedded store
 * @param user     database user
 * @param password database password; never logged
 * @param poolSize connections per engine process
 */
public record StoreSettings(Optional<String> jdbcUrl, Optional<String> user, Optional<String> password, int poolSize) {

    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + jdbcUrl.map(Redaction::url).orElse("(embedded)") + ", user=" + user.orElse("")
                + ", password=" + (password.isPresent() ? "***" : "") + ", poolSize=" + poolSize + "]";
    }
}

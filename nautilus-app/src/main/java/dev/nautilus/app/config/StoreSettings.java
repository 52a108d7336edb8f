package dev.nautilus.app.config;

import dev.nautilus.app.security.BusAclSecret;
import dev.nautilus.bus.Redaction;
import java.util.Optional;

/**
 * Where history is stored. With no JDBC URL, the embedded store under the data directory.
 *
 * @param jdbcUrl  PostgreSQL JDBC URL, or empty for the embedded store
 * @param user     database user
 * @param password database password; never logged
 * @param poolSize connections per engine process
 * @param schema   PostgreSQL schema of the tables
 * @param defaultJdbcUrl the PostgreSQL {@code up --processes} uses without a JDBC URL, if it answers;
 *                 empty: none
 * @param roleSecret what each process's role password is derived from; present: engine processes
 *                 and the API connect as their own roles ({@code nautilus db-roles}); never logged
 * @param rolePrefix the roles' names: {@code <prefix><engine>}, {@code <prefix>api}
 * @param stateSession the run engines' snapshots belong to (see
 *                 {@code EngineStateStore.session()}); empty: one run across every restart
 */
public record StoreSettings(
        Optional<String> jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        int poolSize,
        String schema,
        Optional<String> defaultJdbcUrl,
        Optional<BusAclSecret> roleSecret,
        String rolePrefix,
        Optional<String> stateSession) {

    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + jdbcUrl.map(Redaction::url).orElse("(embedded)") + ", user=" + user.orElse("")
                + ", password=" + (password.isPresent() ? "***" : "") + ", poolSize=" + poolSize + ", schema=" + schema
                + ", defaultJdbcUrl=" + defaultJdbcUrl.map(Redaction::url).orElse("(none)") + ", roleSecret="
                + (roleSecret.isPresent() ? "***" : "") + ", rolePrefix=" + rolePrefix + ", stateSession="
                + stateSession.orElse("") + "]";
    }
}

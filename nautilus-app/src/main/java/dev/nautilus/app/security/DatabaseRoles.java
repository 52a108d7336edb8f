package dev.nautilus.app.security;

import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One PostgreSQL login role per process of the deployment, as the bus has one Redis user per engine
 * ({@link RedisAcl}): {@code <prefix><engine>} for each engine of the matrix, {@code <prefix>api}
 * for the Backend API. Passwords are derived from one secret ({@code store.role_secret}), so every
 * process that has it knows its own password and no list is handed out.
 *
 * <p>Rights, nothing more: an engine's role reads the schema's migration history (its process checks
 * the schema is current at start) and reads and writes its own rows of {@code engine_state} only
 * (row-level security: its snapshot and its partitions' checkpoints); the API's role reads every table. The owner (the configured user, which runs
 * the migrations, the recorder and this) keeps everything else.
 */
public final class DatabaseRoles {

    /** The API's identity among the roles. */
    public static final String API = BusUsers.API_IDENTITY;

    private DatabaseRoles() {}

    /** The identities that get a role: every engine of the matrix, then the API. */
    public static List<String> identities() {
        List<String> identities = new ArrayList<>(
                EngineMatrix.all().stream().map(EngineWiring::name).toList());
        identities.add(API);
        return identities;
    }

    /** The role of a process identity, if it has one: an engine's name or {@code api}. */
    public static Optional<String> roleOf(String prefix, String identity) {
        return identities().contains(identity) ? Optional.of(prefix + identity) : Optional.empty();
    }

    /**
     * Creates each role (or updates its password) and grants exactly its rights on {@code schema},
     * in one transaction.
     *
     * @param owner a connection as the schema's owner, the schema migrated
     * @return the roles, in {@link #identities()} order
     * @throws SQLException when PostgreSQL refuses (e.g. the owner may not create roles)
     */
    public static List<String> apply(Connection owner, String schema, String prefix, BusAclSecret secret)
            throws SQLException {
        // Names are SQL identifiers by construction (schema and prefix are checked by the
        // configuration, engine names by the matrix) and passwords are hex: nothing needs quoting.
        List<String> roles = new ArrayList<>();
        boolean autoCommit = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try (Statement sql = owner.createStatement()) {
            sql.execute("alter table " + schema + ".engine_state enable row level security");
            for (String identity : identities()) {
                String role = prefix + identity;
                sql.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role
                        + "') then create role " + role + " login; end if; end $$");
                sql.execute("alter role " + role + " login password '" + secret.password(role) + "'");
                sql.execute("grant usage on schema " + schema + " to " + role);
                sql.execute("drop policy if exists " + role + " on " + schema + ".engine_state");
                if (identity.equals(API)) {
                    sql.execute("grant select on all tables in schema " + schema + " to " + role);
                    sql.execute("create policy " + role + " on " + schema + ".engine_state for select to " + role
                            + " using (true)");
                } else {
                    sql.execute("grant select on " + schema + ".flyway_schema_history to " + role);
                    sql.execute("grant select, insert, update on " + schema + ".engine_state to " + role);
                    // its snapshot row, and the checkpoint rows of its partitions ('<engine>#partition-<n>')
                    String own = "split_part(engine, '#', 1) = '" + identity + "'";
                    sql.execute("create policy " + role + " on " + schema + ".engine_state to " + role + " using ("
                            + own + ") with check (" + own + ")");
                }
                roles.add(role);
            }
            owner.commit();
            return roles;
        } catch (SQLException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(autoCommit);
        }
    }
}

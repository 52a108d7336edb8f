package dev.nautilus.app.cli;

import dev.nautilus.app.Connections;
import dev.nautilus.app.config.ConfigKey;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.config.StoreSettings;
import dev.nautilus.app.security.DatabaseRoles;
import dev.nautilus.store.Store;
import dev.nautilus.store.Stores;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus db-roles}: migrates the configured PostgreSQL schema and creates one login role per
 * engine and one for the API, each with only its rights (see {@link DatabaseRoles}), passwords
 * derived from {@code NAUTILUS_DB_ROLE_SECRET}; run it as the schema's owner before the engines.
 */
@Command(
        name = "db-roles",
        mixinStandardHelpOptions = true,
        description = "Creates a PostgreSQL login role per engine (and the API), each allowed only its own state.")
final class DbRolesCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        NautilusConfig config = parent.config();
        StoreSettings settings = config.store();
        if (settings.jdbcUrl().isEmpty() || settings.roleSecret().isEmpty()) {
            err.println("nautilus db-roles: set " + ConfigKey.DB_URL.envVar() + " (the PostgreSQL, connected to as its"
                    + " owner " + ConfigKey.DB_USER.envVar() + ") and " + ConfigKey.DB_ROLE_SECRET.envVar()
                    + " (every role's password is derived from it; every process of the platform needs the same one)");
            return 2;
        }
        List<String> roles;
        try (Store migrated = Stores.open(Connections.storeConfig(config));
                Connection owner =
                        DriverManager.getConnection(settings.jdbcUrl().get(), credentials(settings))) {
            roles = DatabaseRoles.apply(
                    owner,
                    settings.schema(),
                    settings.rolePrefix(),
                    settings.roleSecret().get());
        } catch (SQLException | RuntimeException e) {
            err.println("nautilus db-roles: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created or updated " + roles.size() + " PostgreSQL roles on schema " + settings.schema() + ": "
                + String.join(", ", roles) + ".");
        out.println("Each engine's role reads and writes its own row of engine_state only; " + settings.rolePrefix()
                + DatabaseRoles.API + " reads every table.");
        out.println("Every engine process and the API with " + ConfigKey.DB_ROLE_SECRET.envVar()
                + " set connect as their role; 'up' (the recorder) as " + ConfigKey.DB_USER.envVar() + ".");
        out.flush();
        return 0;
    }

    private static Properties credentials(StoreSettings settings) {
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "nautilus:db-roles");
        return properties;
    }
}

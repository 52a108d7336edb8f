package dev.nautilus.app.cli;

import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.ConfigKey;
import dev.nautilus.app.security.BusUsers;
import dev.nautilus.app.security.RedisAcl;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.RoutingTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus acl}: writes the Redis ACL file of the buses (see {@link RedisAcl}), one user per
 * engine with exactly its streams, passwords derived from {@code NAUTILUS_BUS_ACL_SECRET}.
 */
@Command(
        name = "acl",
        mixinStandardHelpOptions = true,
        description =
                "Writes a Redis ACL file (Redis 7+): one user per engine, allowed exactly its commands and streams.")
final class AclCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The ACL file to write.")
    Path out;

    @Option(names = "--prefix", paramLabel = "P", description = "Stream prefix (default: the configured one).")
    String prefix;

    @Option(
            names = "--cluster",
            description = "Keys as on a Redis Cluster ({type} hash tags) for both buses "
                    + "(default: each bus as configured).")
    boolean cluster;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        BusSettings settings = parent.config().bus();
        if (settings.aclSecret().isEmpty()) {
            err.println(
                    "nautilus acl: set " + ConfigKey.BUS_ACL_SECRET.envVar() + " (or "
                            + ConfigKey.BUS_ACL_SECRET.fileKey()
                            + "): every user's password is derived from it, and every process of the platform needs the same one");
            return 2;
        }
        RoutingTable routing;
        try {
            routing = RoutingTable.withPrefix(prefix != null ? prefix.strip() : settings.streamPrefix());
        } catch (IllegalArgumentException e) {
            err.println("nautilus acl: --prefix: " + e.getMessage());
            return 2;
        }
        Set<Bus> clustered = EnumSet.noneOf(Bus.class);
        if (cluster || settings.marketDataCluster()) {
            clustered.add(Bus.MARKETDATA);
        }
        if (cluster || settings.engineLogicCluster()) {
            clustered.add(Bus.ENGINE_LOGIC);
        }
        RedisAcl acl = new RedisAcl(routing, clustered);
        write(out, acl.file(settings.aclSecret().get()));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Wrote " + acl.users().size() + " Redis users to " + out
                + " (passwords as SHA-256 hashes only) for stream prefix '" + routing.prefix()
                + "', cluster key form on: " + (clustered.isEmpty() ? "no bus" : clustered) + ".");
        stdout.println("Load it into both bus Redis servers (Redis 7 or newer), either at start:");
        stdout.println("  redis-server --aclfile " + out.toAbsolutePath() + "      (or 'aclfile " + out.toAbsolutePath()
                + "' in redis.conf)");
        stdout.println("or into a running Redis whose redis.conf names that file with 'aclfile': redis-cli ACL LOAD");
        stdout.println(
                "The file turns the default user off ('user default reset', its last line): add an admin user of your own");
        stdout.println("to it first, e.g.  user admin on #<sha256 of its password> ~* &* +@all");
        stdout.println("Every process with " + ConfigKey.BUS_ACL_SECRET.envVar() + " set connects as its own user: "
                + "'engine X' as " + BusUsers.engineUser("X") + ", 'api' as " + BusUsers.API + ", 'monitor' as "
                + BusUsers.MONITOR + ", 'up' as " + BusUsers.PLATFORM + ".");
        stdout.flush();
        return 0;
    }

    /** Owner-only where the file system can say so: the hashes are not secrets, but nobody else needs them. */
    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }
}

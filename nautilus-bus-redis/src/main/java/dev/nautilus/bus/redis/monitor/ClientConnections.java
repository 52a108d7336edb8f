package dev.nautilus.bus.redis.monitor;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads {@code CLIENT LIST}: which engine holds how many connections. Nautilus connections name
 * themselves {@code nautilus:<engine>:<bus>:<role>} (SPEC §1.7); every other connection, named or
 * not, belongs to {@link #UNNAMED}: a legacy process or a tool such as {@code redis-cli}.
 */
public final class ClientConnections {

    /** The group of connections that do not carry a Nautilus name. */
    public static final String UNNAMED = "unnamed";

    private static final String NAME_PREFIX = "nautilus:";

    private ClientConnections() {}

    /**
     * Counts the connections of a {@code CLIENT LIST} reply by engine, sorted by engine name. Lines
     * without an {@code id=} field (blank, truncated) are not connections and are skipped.
     */
    public static Map<String, Integer> countByEngine(String clientList) {
        return countByEngine(clientList, name -> true);
    }

    /**
     * Counts by engine, as {@link #countByEngine(String)}, only the connections whose name (null when
     * unnamed) passes {@code counted}.
     */
    public static Map<String, Integer> countByEngine(String clientList, Predicate<String> counted) {
        Map<String, Integer> counts = new TreeMap<>();
        if (clientList == null) {
            return counts;
        }
        for (String line : clientList.split("\n")) {
            String name = null;
            boolean isClient = false;
            // Fields are space-separated key=value pairs; Redis refuses spaces in client names.
            for (String field : line.strip().split(" ")) {
                if (field.startsWith("id=")) {
                    isClient = true;
                } else if (field.startsWith("name=")) {
                    name = field.substring("name=".length());
                }
            }
            if (isClient && counted.test(name)) {
                counts.merge(engineOf(name), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * The role of a Nautilus connection name, its last part: {@code nautilus:risk:engine_logic:reader}
     * → {@code reader}; empty for a name that is not a Nautilus one.
     */
    public static String roleOf(String connectionName) {
        if (engineOf(connectionName).equals(UNNAMED)) {
            return "";
        }
        return connectionName.substring(connectionName.lastIndexOf(':') + 1);
    }

    /**
     * The engine of a connection name: {@code nautilus:risk:engine_logic:reader} → {@code risk}.
     * The bus and role are the last two parts, so an engine name holding a {@code :} survives.
     */
    public static String engineOf(String connectionName) {
        if (connectionName == null || !connectionName.startsWith(NAME_PREFIX)) {
            return UNNAMED;
        }
        String rest = connectionName.substring(NAME_PREFIX.length());
        int roleColon = rest.lastIndexOf(':');
        int busColon = roleColon <= 0 ? -1 : rest.lastIndexOf(':', roleColon - 1);
        if (busColon <= 0 || roleColon == rest.length() - 1 || roleColon - busColon == 1) {
            return UNNAMED;
        }
        return rest.substring(0, busColon);
    }
}

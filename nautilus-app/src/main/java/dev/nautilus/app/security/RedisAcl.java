package dev.nautilus.app.security;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Redis ACL of the platform (Redis 7 or newer: it uses selectors): one user per engine, allowed
 * exactly the commands and keys the bus sends for it, and the API, monitor and whole-platform users.
 *
 * <p>What the connections send, from the transport's code: every connection {@code AUTH} (always
 * allowed), {@code PING} (Lettuce, before a connection is used), {@code CLIENT SETNAME}, and
 * {@code SELECT} when the URL names a database. A publisher sends {@code XADD … MAXLEN ~} to the
 * lanes of the types it publishes. A subscriber sends {@code EXISTS} and {@code XINFO GROUPS} (to
 * create only missing groups), {@code XGROUP CREATE … MKSTREAM} (again after {@code NOGROUP}), {@code XREADGROUP}, {@code XACK}, {@code XAUTOCLAIM} and {@code XPENDING} on
 * the lanes of the types it reads, and {@code XADD} to the dead-letter stream of their bus. The
 * API reads dead letters ({@code XREVRANGE}) and replays them onto any type's stream; the monitor
 * sends {@code INFO}, {@code CLIENT LIST}, {@code SCAN … TYPE stream}, {@code XLEN} and
 * {@code XINFO GROUPS}. On a Redis Cluster, Lettuce also reads the topology ({@code CLUSTER NODES},
 * {@code INFO}), asks each node its id ({@code CLUSTER MYID}) and follows {@code ASK} redirects with
 * {@code ASKING}: seen in {@code ACL LOG} of a cluster, see {@code RedisAclOnRedisTest}.
 *
 * <p>Keys are listed one by one, never as a wildcard: a type's lanes are
 * {@code <prefix>:<bus>:<type>} and {@code <prefix>:<bus>:<type>:<priority>} for each other priority
 * (with the type as a {@code {hash tag}} on a cluster, as the transport's {@code StreamLanes} names
 * them), the dead-letter stream {@code <prefix>:<bus>:dead}. Only the monitor, read-only, may read
 * anything under the prefix, since it lists the streams it finds.
 *
 * @param routing        the routing table, with the configured stream prefix
 * @param clusteredBuses the buses on a Redis Cluster
 */
public record RedisAcl(RoutingTable routing, Set<Bus> clusteredBuses) {

    // INFO: a bus reads maxmemory-policy from INFO memory when CONFIG GET is refused (MemoryPolicy)
    private static final String CONNECT = "+ping +client|setname +select +info";
    private static final String CLUSTER = "+cluster|nodes +cluster|myid +asking";
    private static final String GROUP_READ =
            "+exists +xinfo|groups +xgroup|create +xreadgroup +xack +xautoclaim +xpending";
    private static final String WRITE = "+xadd";
    private static final String DEAD_LETTER_READ = "+xrevrange";
    private static final String MONITOR = "+client|list +scan +xlen +xinfo|groups +xinfo|stream";
    private static final String GROUP_POSITIONS = "+hset +hgetall";
    private static final String REPLAY_MARKS = "+sadd +srem +smismember";

    public RedisAcl {
        clusteredBuses = clusteredBuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(clusteredBuses));
    }

    /**
     * One user and its rules, in the ACL file's syntax without the password.
     *
     * @param name  e.g. {@code nautilus-features}
     * @param rules e.g. {@code -@all +ping … (~nautilus:engine_logic:feature_calculation … +xadd)}
     */
    public record User(String name, String rules) {

        /** The user's line of an ACL file, with its password as a hash. */
        public String line(BusAclSecret secret) {
            return "user " + name + " reset on " + BusAclSecret.passwordHash(secret.password(name)) + " " + rules;
        }
    }

    /** Every user: the engines in the matrix's order, then the API, the monitor and the whole platform. */
    public List<User> users() {
        List<User> users = new ArrayList<>();
        for (EngineWiring engine : EngineMatrix.all()) {
            users.add(streamUser(
                    BusUsers.engineUser(engine.name()),
                    engine.name(),
                    engine.types(),
                    BusUsers.published(engine.name()),
                    false));
        }
        Set<MessageType> all = EnumSet.allOf(MessageType.class);
        users.add(streamUser(BusUsers.API, "*", all, all, true));
        users.add(new User(
                BusUsers.MONITOR,
                base() + " " + MONITOR + (clusteredBuses.isEmpty() ? "" : " +cluster|nodes") + " %R~"
                        + glob(routing.prefix()) + ":*"));
        users.add(streamUser(BusUsers.PLATFORM, "*", all, all, true));
        return users;
    }

    /** The user of that name. */
    public User user(String name) {
        return users().stream()
                .filter(u -> u.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Redis user " + name));
    }

    /**
     * The ACL file: every user with its password as a hash, and the default user turned off (no
     * password, no command), so that only these users can connect.
     *
     * @param secret the secret the passwords derive from; neither it nor a password is written
     */
    public String file(BusAclSecret secret) {
        // Redis reads user lines only: an ACL file has no comments (AclCommand prints what to know)
        StringBuilder file = new StringBuilder();
        for (User user : users()) {
            file.append(user.line(secret)).append('\n');
        }
        file.append("user default reset\n");
        return file.toString();
    }

    /**
     * A user of the streams: group commands on the lanes it reads and on its groups' replay lanes,
     * its groups' position hashes, {@code XADD} to the lanes it publishes and to the dead-letter
     * streams of the buses it reads, and, if it replays dead letters, reading those, marking them
     * replayed and writing to any group's replay lane.
     *
     * @param groups its consumer group's name, or {@code *} for a user that runs or replays to every group
     */
    private User streamUser(
            String name,
            String groups,
            Set<MessageType> readTypes,
            Set<MessageType> publishedTypes,
            boolean readsDeadLetters) {
        // in the types' order, so that the same matrix always gives the same file
        Set<MessageType> reads = inOrder(readTypes);
        Set<MessageType> publishes = inOrder(publishedTypes);
        StringBuilder rules = new StringBuilder(base());
        Set<String> deadLetters = reads.stream()
                .map(type -> routing.route(type).bus())
                .sorted()
                .map(routing::deadLetterStream)
                .map(this::glob)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<Bus> readBuses = reads.stream()
                .map(type -> routing.route(type).bus())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Bus.class)));
        if (!reads.isEmpty()) {
            Set<String> readLanes = new LinkedHashSet<>(lanes(reads));
            readLanes.addAll(groupKeys(readBuses, "replay", groups));
            rules.append(" (")
                    .append(keys(readLanes))
                    .append(' ')
                    .append(GROUP_READ)
                    .append(") (")
                    .append(keys(groupKeys(readBuses, "groups", groups)))
                    .append(' ')
                    .append(GROUP_POSITIONS)
                    .append(')');
        }
        Set<String> written = new LinkedHashSet<>(lanes(publishes));
        written.addAll(deadLetters);
        if (!written.isEmpty()) {
            rules.append(" (").append(keys(written)).append(' ').append(WRITE).append(')');
        }
        if (readsDeadLetters && !deadLetters.isEmpty()) {
            rules.append(" (")
                    .append(keys(deadLetters))
                    .append(' ')
                    .append(DEAD_LETTER_READ)
                    .append(") (")
                    .append(keys(deadLetters.stream()
                            .map(d -> d + ":replayed")
                            .collect(Collectors.toCollection(LinkedHashSet::new))))
                    .append(' ')
                    .append(REPLAY_MARKS)
                    .append(") (")
                    .append(keys(groupKeys(EnumSet.allOf(Bus.class), "replay", "*")))
                    .append(' ')
                    .append(WRITE)
                    .append(')');
        }
        return new User(name, rules.toString());
    }

    /** What every user may do: nothing on channels, no key outside its selectors, connect. */
    private String base() {
        return "resetchannels -@all " + CONNECT + (clusteredBuses.isEmpty() ? "" : " " + CLUSTER);
    }

    /**
     * A group's own keys of one kind on each bus ({@code <prefix>:<bus>:<kind>:<group>}, and on a
     * cluster the same with a lane's hash tag appended), as glob patterns; {@code *} for every group.
     */
    private Set<String> groupKeys(Set<Bus> buses, String kind, String group) {
        Set<String> keys = new LinkedHashSet<>();
        for (Bus bus : buses) {
            String key = routing.prefix() + ":" + bus.key() + ":" + kind + ":";
            if (group.equals("*")) {
                keys.add(glob(key) + "*");
            } else {
                keys.add(glob(key + group));
                if (clusteredBuses.contains(bus)) {
                    keys.add(glob(key + group + ":") + "*");
                }
            }
        }
        return keys;
    }

    /** Every lane of the types, as glob patterns matching exactly that key. */
    private Set<String> lanes(Set<MessageType> types) {
        Set<String> keys = new LinkedHashSet<>();
        for (MessageType type : types) {
            RoutingTable.Route route = routing.route(type);
            String base = route.streamKey();
            if (clusteredBuses.contains(route.bus())) {
                int typeStart = base.lastIndexOf(':') + 1;
                base = base.substring(0, typeStart) + "{" + base.substring(typeStart) + "}";
            }
            keys.add(glob(base));
            for (Priority priority : Priority.values()) {
                if (priority != Priority.NORMAL) {
                    keys.add(glob(base + ":" + priority.wireName()));
                }
            }
        }
        return keys;
    }

    private static Set<MessageType> inOrder(Set<MessageType> types) {
        return types.isEmpty() ? EnumSet.noneOf(MessageType.class) : EnumSet.copyOf(types);
    }

    private static String keys(Set<String> patterns) {
        return patterns.stream().map(p -> "~" + p).collect(Collectors.joining(" "));
    }

    /** The key as a Redis glob pattern that matches it alone. */
    private String glob(String key) {
        return key.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}

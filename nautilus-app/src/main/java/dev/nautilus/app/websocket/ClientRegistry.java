package dev.nautilus.app.websocket;

import dev.nautilus.bus.TopicPattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connected clients and who wants which topic. A topic is matched against the distinct patterns
 * once and the matching clients are cached per topic (split by fan-out lane), so a message costs one
 * map lookup however many clients and patterns there are. A subscription change drops only the
 * cached routes of the topics its patterns match, so one client subscribing and unsubscribing in a
 * loop does not make every other client's messages resolve their routes again.
 */
final class ClientRegistry {

    /** Routes cached at most; beyond it the cache starts over (topics are few in practice). */
    private static final int MAX_CACHED_TOPICS = 100_000;

    private final int lanes;
    private final Map<String, ClientConnection> clients = new ConcurrentHashMap<>();
    private final Map<TopicPattern, Set<ClientConnection>> byPattern = new HashMap<>(); // guarded by this
    // read without the lock; written only under it, so that a route resolved against older
    // subscriptions can never be cached after the change that made it stale
    private final Map<String, ClientConnection[][]> routes = new ConcurrentHashMap<>();
    private final int patternsPerClient;
    private final Map<String, Integer> perHost = new HashMap<>(); // guarded by this

    ClientRegistry(int lanes, int patternsPerClient) {
        this.lanes = lanes;
        this.patternsPerClient = patternsPerClient;
    }

    /**
     * Adds a client unless that would pass the total or the per-address bound.
     *
     * @return why it was refused, or empty when it was added
     */
    synchronized Optional<String> admit(ClientConnection client, int maxClients, int maxPerAddress) {
        if (clients.size() >= maxClients) {
            return Optional.of("the server has its maximum of " + maxClients + " clients; try again later");
        }
        int fromHost = perHost.getOrDefault(client.remoteHost(), 0);
        if (fromHost >= maxPerAddress) {
            return Optional.of("at most " + maxPerAddress + " clients per address");
        }
        perHost.put(client.remoteHost(), fromHost + 1);
        clients.put(client.id(), client);
        return Optional.empty();
    }

    /** Forgets a client and its patterns. */
    synchronized void remove(ClientConnection client) {
        if (clients.remove(client.id()) == null) {
            return;
        }
        perHost.computeIfPresent(client.remoteHost(), (host, count) -> count > 1 ? count - 1 : null);
        unsubscribe(client, client.patterns());
    }

    /**
     * Subscribes a client; returns the patterns that were new for it.
     *
     * @throws ClientRequest.BadClientRequest when the client would hold more patterns than allowed
     */
    synchronized List<TopicPattern> subscribe(ClientConnection client, List<TopicPattern> patterns) {
        if (!clients.containsKey(client.id())) {
            return List.of(); // closed meanwhile
        }
        List<TopicPattern> added = client.addPatterns(patterns, patternsPerClient);
        for (TopicPattern pattern : added) {
            byPattern.computeIfAbsent(pattern, p -> new LinkedHashSet<>()).add(client);
        }
        forgetRoutesMatching(added);
        return added;
    }

    /** Unsubscribes a client; returns the patterns it had. */
    synchronized List<TopicPattern> unsubscribe(ClientConnection client, List<TopicPattern> patterns) {
        List<TopicPattern> removed = client.removePatterns(patterns);
        for (TopicPattern pattern : removed) {
            Set<ClientConnection> subscribers = byPattern.get(pattern);
            if (subscribers != null && subscribers.remove(client) && subscribers.isEmpty()) {
                byPattern.remove(pattern);
            }
        }
        forgetRoutesMatching(removed);
        return removed;
    }

    private void forgetRoutesMatching(List<TopicPattern> changed) {
        if (!changed.isEmpty()) {
            routes.keySet().removeIf(topic -> changed.stream().anyMatch(pattern -> pattern.matches(topic)));
        }
    }

    /** The clients a topic goes to, one array per lane (each client once, whatever patterns it matched by). */
    ClientConnection[][] route(String topic) {
        ClientConnection[][] route = routes.get(topic);
        return route != null ? route : resolve(topic);
    }

    private synchronized ClientConnection[][] resolve(String topic) {
        ClientConnection[][] cached = routes.get(topic);
        if (cached != null) {
            return cached; // resolved by another thread meanwhile
        }
        Set<ClientConnection> matching = new LinkedHashSet<>();
        for (Map.Entry<TopicPattern, Set<ClientConnection>> entry : byPattern.entrySet()) {
            if (entry.getKey().matches(topic)) {
                matching.addAll(entry.getValue());
            }
        }
        List<List<ClientConnection>> perLane = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            perLane.add(new ArrayList<>());
        }
        matching.forEach(client -> perLane.get(client.lane()).add(client));
        ClientConnection[][] route = new ClientConnection[lanes][];
        for (int i = 0; i < lanes; i++) {
            route[i] = perLane.get(i).toArray(ClientConnection[]::new);
        }
        if (routes.size() >= MAX_CACHED_TOPICS) {
            routes.clear();
        }
        routes.put(topic, route);
        return route;
    }

    /** Every connected client. */
    Collection<ClientConnection> all() {
        return clients.values();
    }

    int size() {
        return clients.size();
    }
}

package dev.nautilus.app.websocket;

import dev.nautilus.bus.TopicPattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connected clients and who wants which topic. A topic is matched against the distinct patterns
 * once and the matching clients are cached per topic (split by fan-out lane), so a message costs one
 * map lookup however many clients and patterns there are; any subscription change drops the cache.
 */
final class ClientRegistry {

    /** Routes cached at most; beyond it the cache starts over (topics are few in practice). */
    private static final int MAX_CACHED_TOPICS = 100_000;

    private final int lanes;
    private final Map<String, ClientConnection> clients = new ConcurrentHashMap<>();
    private final Map<TopicPattern, Set<ClientConnection>> byPattern = new HashMap<>(); // guarded by this
    private volatile Map<String, ClientConnection[][]> routes = new ConcurrentHashMap<>();

    ClientRegistry(int lanes) {
        this.lanes = lanes;
    }

    void add(ClientConnection client) {
        clients.put(client.id(), client);
    }

    /** Forgets a client and its patterns. */
    synchronized void remove(ClientConnection client) {
        if (clients.remove(client.id()) == null) {
            return;
        }
        unsubscribe(client, client.patterns());
    }

    /** Subscribes a client; returns the patterns that were new for it. */
    synchronized List<TopicPattern> subscribe(ClientConnection client, List<TopicPattern> patterns) {
        if (!clients.containsKey(client.id())) {
            return List.of(); // closed meanwhile
        }
        List<TopicPattern> added = client.addPatterns(patterns);
        for (TopicPattern pattern : added) {
            byPattern.computeIfAbsent(pattern, p -> new LinkedHashSet<>()).add(client);
        }
        if (!added.isEmpty()) {
            routes = new ConcurrentHashMap<>();
        }
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
        if (!removed.isEmpty()) {
            routes = new ConcurrentHashMap<>();
        }
        return removed;
    }

    /** The clients a topic goes to, one array per lane (each client once, whatever patterns it matched by). */
    ClientConnection[][] route(String topic) {
        Map<String, ClientConnection[][]> cache = routes;
        ClientConnection[][] route = cache.get(topic);
        if (route == null) {
            route = resolve(topic);
            if (cache.size() >= MAX_CACHED_TOPICS) {
                cache.clear();
            }
            // a route resolved against older subscriptions lands in a cache already replaced: harmless
            cache.put(topic, route);
        }
        return route;
    }

    private synchronized ClientConnection[][] resolve(String topic) {
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

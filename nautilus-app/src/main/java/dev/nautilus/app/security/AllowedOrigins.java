package dev.nautilus.app.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The origins a browser page may call the platform's servers from, besides each server's own: those
 * configured, and the dashboard's once it has bound its port (which may be ephemeral, so it cannot be
 * known when the configuration is read). Safe to read from every server thread while it grows.
 */
public final class AllowedOrigins {

    private final Set<String> origins = new CopyOnWriteArraySet<>();

    /** The configured origins. */
    public AllowedOrigins(Collection<String> configured) {
        origins.addAll(configured);
    }

    /** Allows the pages of a dashboard on {@code port}, reached by either loopback name or {@code host}. */
    public void allowDashboard(String host, int port) {
        origins.add("http://localhost:" + port);
        origins.add("http://127.0.0.1:" + port);
        if (!HttpSecurity.isLoopback(host) && !host.equals("0.0.0.0") && !host.equals("::")) {
            origins.add("http://" + host + ":" + port);
        }
    }

    /** Whether {@code origin} is allowed. */
    public boolean contains(String origin) {
        return origins.contains(origin);
    }

    /** The origins allowed now. */
    public List<String> list() {
        return List.copyOf(origins);
    }

    @Override
    public String toString() {
        return origins.toString();
    }
}

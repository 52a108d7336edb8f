package dev.nautilus.app;

import dev.nautilus.app.security.HttpSecurity;
import java.util.List;

/**
 * The lines of the address table that tell an operator how to get in, as Jupyter prints its URL with
 * its token: a generated token is shown (on the console, never in a log), a configured one is not.
 */
final class TokenLines {

    private TokenLines() {}

    static List<String> of(HttpSecurity http) {
        String bound = String.format(
                "%-18s %s%s",
                "listening on",
                http.host(),
                HttpSecurity.isLoopback(http.host()) ? " (this machine only; http.host to expose)" : "");
        if (http.tokens().configured()) {
            return List.of(
                    bound,
                    String.format("%-18s the configured NAUTILUS_API_TOKEN (admin) and its read token", "tokens"));
        }
        return List.of(
                bound,
                String.format(
                        "%-18s %s  (every port; Authorization: Bearer <token>)",
                        "admin token", http.tokens().admin()),
                String.format(
                        "%-18s %s  (reads and the WebSocket only)",
                        "read token", http.tokens().read()));
    }
}

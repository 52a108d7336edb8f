package dev.nautilus.app.supervisor;

import java.util.List;
import java.util.Map;

/**
 * One process the supervisor keeps running.
 *
 * @param name        engine name, or {@code api} for the Backend API and dashboard
 * @param arguments   the {@code nautilus} command line of the child, e.g. {@code engine risk --port risk=8200}
 * @param port        the HTTP port whose health path tells whether it is up
 * @param healthPath  {@code /health} for an engine, {@code /api/health} for the API
 * @param environment variables added to the supervisor's own (bus URLs, token)
 */
public record ChildSpec(
        String name, List<String> arguments, int port, String healthPath, Map<String, String> environment) {

    public ChildSpec {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}

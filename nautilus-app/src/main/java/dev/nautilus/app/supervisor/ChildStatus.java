package dev.nautilus.app.supervisor;

import java.time.Duration;

/**
 * One row of the supervisor's table.
 *
 * @param pid            the running process, -1 between a crash and its restart
 * @param health         STARTING, UP, DOWN (its {@code /health} says so or does not answer) or EXITED
 * @param busConnections connections named after it on the buses, -1 when they cannot be counted
 */
public record ChildStatus(
        String name,
        long pid,
        int port,
        Duration uptime,
        int restarts,
        String health,
        String lastExit,
        int busConnections) {}

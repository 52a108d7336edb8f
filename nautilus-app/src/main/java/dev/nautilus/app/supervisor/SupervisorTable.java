package dev.nautilus.app.supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The live table of {@code up --processes}: one line per process. */
public final class SupervisorTable {

    private SupervisorTable() {}

    public static List<String> lines(List<ChildStatus> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "%-14s %8s %6s %10s %8s %-9s %11s  %s",
                "process", "pid", "port", "uptime", "restarts", "health", "bus conns", "last exit"));
        for (ChildStatus row : rows) {
            lines.add(String.format(
                    "%-14s %8s %6d %10s %8d %-9s %11s  %s",
                    row.name(),
                    row.pid() < 0 ? "-" : row.pid(),
                    row.port(),
                    uptime(row.uptime()),
                    row.restarts(),
                    row.health(),
                    row.busConnections() < 0 ? "?" : row.busConnections(),
                    row.lastExit()));
        }
        return lines;
    }

    private static String uptime(Duration uptime) {
        long seconds = uptime.toSeconds();
        return seconds < 3600
                ? String.format("%d:%02d", seconds / 60, seconds % 60)
                : String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60);
    }
}

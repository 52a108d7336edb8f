package dev.nautilus.app.monitor;

import dev.nautilus.bus.redis.monitor.CommandStats;
import dev.nautilus.bus.redis.monitor.CpuUsage;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import dev.nautilus.bus.redis.monitor.MemoryUsage;
import dev.nautilus.bus.redis.monitor.MonitorSnapshot;
import dev.nautilus.bus.redis.monitor.RedisSnapshot;
import dev.nautilus.bus.redis.monitor.StreamInfo;
import dev.nautilus.bus.redis.partition.PartitionStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Renders a {@link MonitorSnapshot} as the terminal table of {@code nautilus monitor}: one section
 * per Redis with CPU, clients by engine, commands with their calls and failed calls, errors,
 * streams with their groups' pending, trimmed before delivery and lag, and dead letters. Failed
 * calls above zero are marked with {@code !} (and in red when colours are on): they are what the
 * dual bus exists to remove.
 */
public final class MonitorTable {

    /** Commands listed per Redis, most called first; commands with failed calls are always listed. */
    static final int MAX_COMMANDS = 12;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String INDENT = "             ";

    private final boolean color;

    /** @param color whether to use ANSI colours (a terminal) or plain text (a pipe, a file) */
    public MonitorTable(boolean color) {
        this.color = color;
    }

    /** The whole table, ending with a newline; {@code footer} (may be empty) goes under the title. */
    public String render(MonitorSnapshot snapshot, String footer) {
        StringBuilder out = new StringBuilder();
        out.append(bold("Nautilus bus monitor")).append("  ").append(TIME.format(snapshot.takenAt()));
        if (!footer.isEmpty()) {
            out.append("  ").append(footer);
        }
        out.append('\n');
        for (RedisSnapshot redis : snapshot.redis()) {
            out.append('\n');
            section(out, redis);
        }
        return out.toString();
    }

    private void section(StringBuilder out, RedisSnapshot r) {
        String title = "== " + r.target().name() + "  " + r.target().displayUrl();
        if (!r.reachable()) {
            out.append(bold(title))
                    .append("  ")
                    .append(red("UNREACHABLE: " + r.error().orElse("unknown error")))
                    .append('\n');
            return;
        }
        out.append(bold(title + "  Redis " + r.redisVersion().orElse("?"))).append('\n');
        out.append(label("CPU"))
                .append(cpu(r.cpu()))
                .append("    ")
                .append(memory(r.memory()))
                .append('\n');
        out.append(label("Clients")).append(clients(r)).append('\n');
        commands(out, r);
        if (!r.errors().isEmpty()) {
            out.append(label("Errors"));
            new TreeMap<>(r.errors())
                    .forEach((code, count) ->
                            out.append(code).append(' ').append(number(count)).append("  "));
            out.setLength(out.length() - 2);
            out.append('\n');
        }
        streams(out, r);
        partitions(out, r);
        String dead = number(r.deadLetters());
        out.append(label("Dead letters"))
                .append(r.deadLetters() > 0 ? red(dead + " !") : dead)
                .append('\n');
        for (String warning : r.warnings()) {
            out.append(label("Warning")).append(warning).append('\n');
        }
    }

    private static String cpu(CpuUsage cpu) {
        if (cpu.percent().isEmpty()) {
            return "not measured yet";
        }
        String percent = String.format(Locale.ROOT, "%.1f %%", cpu.percent().getAsDouble());
        return switch (cpu.basis()) {
            case INTERVAL ->
                percent + " over the last "
                        + String.format(Locale.ROOT, "%.1f s", cpu.window().toMillis() / 1000.0);
            case SINCE_START ->
                percent + " average since Redis started (" + cpu.window().toSeconds() + " s ago)";
            case UNAVAILABLE -> "not measured yet";
        };
    }

    private static String memory(MemoryUsage memory) {
        StringBuilder text = new StringBuilder("Memory ");
        text.append(memory.usedMemoryHuman()
                .orElse(
                        memory.usedMemory().isPresent()
                                ? number(memory.usedMemory().getAsLong())
                                : "?"));
        OptionalLong max = memory.maxMemory();
        text.append(" used, ")
                .append(
                        max.isEmpty()
                                ? "limit ?"
                                : max.getAsLong() == 0 ? "no limit" : "limit " + number(max.getAsLong()));
        memory.maxMemoryPolicy().ifPresent(policy -> text.append(", ").append(policy));
        return text.toString();
    }

    private static String clients(RedisSnapshot r) {
        StringBuilder text = new StringBuilder();
        text.append(
                        r.connectedClients().isPresent()
                                ? number(r.connectedClients().getAsLong())
                                : "?")
                .append(" connected");
        Map<String, Integer> byEngine = new TreeMap<>(r.clientsByEngine());
        if (!byEngine.isEmpty()) {
            text.append(":  ");
            List<String> parts = new ArrayList<>();
            byEngine.forEach((engine, count) -> parts.add(engine + " " + count));
            text.append(String.join(" · ", parts));
        }
        return text.toString();
    }

    private void commands(StringBuilder out, RedisSnapshot r) {
        List<CommandStats> shown = new ArrayList<>();
        for (CommandStats c : r.commands()) {
            if (shown.size() < MAX_COMMANDS || c.failedOrZero() > 0) {
                shown.add(c);
            }
        }
        out.append(label("Commands"));
        if (shown.isEmpty()) {
            out.append("none yet\n");
            return;
        }
        out.append(String.format(
                Locale.ROOT, "%-24s %14s %11s %10s %10s%n", "COMMAND", "CALLS", "USEC/CALL", "REJECTED", "FAILED"));
        for (CommandStats c : shown) {
            String failed = c.failedCalls().isPresent() ? number(c.failedCalls().getAsLong()) : "-";
            String failedCell = String.format(Locale.ROOT, "%10s", failed);
            out.append(INDENT)
                    .append(String.format(
                            Locale.ROOT,
                            "%-24s %14s %11s %10s ",
                            c.command(),
                            number(c.calls()),
                            c.usecPerCall().isPresent()
                                    ? String.format(
                                            Locale.ROOT, "%.2f", c.usecPerCall().getAsDouble())
                                    : "-",
                            c.rejectedCalls().isPresent()
                                    ? number(c.rejectedCalls().getAsLong())
                                    : "-"));
            out.append(c.failedOrZero() > 0 ? red(failedCell + " !") : failedCell)
                    .append('\n');
        }
        int hidden = r.commands().size() - shown.size();
        if (hidden > 0) {
            out.append(INDENT).append("(").append(hidden).append(" more commands, none with failed calls)\n");
        }
    }

    private void streams(StringBuilder out, RedisSnapshot r) {
        out.append(label("Streams"));
        if (r.streams().isEmpty()) {
            out.append("none under ").append(r.target().streamPrefix()).append(":*\n");
            return;
        }
        int keyWidth = Math.min(
                60,
                Math.max(
                        6,
                        r.streams().stream()
                                .mapToInt(s -> s.key().length())
                                .max()
                                .orElse(6)));
        String row = "%-" + keyWidth + "s %10s   %-20s %9s %9s %9s %9s%n";
        out.append(
                String.format(Locale.ROOT, row, "STREAM", "LENGTH", "GROUP", "CONSUMERS", "PENDING", "TRIMMED", "LAG"));
        for (StreamInfo s : r.streams()) {
            String key = s.key().length() > keyWidth
                    ? "…" + s.key().substring(s.key().length() - keyWidth + 1)
                    : s.key();
            if (s.groups().isEmpty()) {
                out.append(INDENT)
                        .append(String.format(Locale.ROOT, row, key, number(s.length()), "-", "", "", "", ""));
                continue;
            }
            boolean first = true;
            for (GroupInfo g : s.groups()) {
                out.append(INDENT)
                        .append(String.format(
                                Locale.ROOT,
                                row,
                                first ? key : "",
                                first ? number(s.length()) : "",
                                g.name(),
                                number(g.consumers()),
                                number(g.pending()),
                                known(g.trimmed()),
                                known(g.lag())));
                first = false;
            }
        }
    }

    /** A figure Redis may not report: {@code ?} when it did not. */
    private static String known(OptionalLong value) {
        return value.isPresent() ? number(value.getAsLong()) : "?";
    }

    /** The partition leases (SPEC §1.9), when the bus has partitioned types: who owns what, at which epoch. */
    private static void partitions(StringBuilder out, RedisSnapshot r) {
        if (r.partitions().isEmpty()) {
            return;
        }
        out.append(label("Partitions"));
        String row = "%-20s %9s   %-28s %7s %10s %9s %9s%n";
        out.append(String.format(
                Locale.ROOT, row, "GROUP", "PARTITION", "OWNER", "EPOCH", "REBALANCES", "LAG", "LEASE MS"));
        for (PartitionStatus p : r.partitions()) {
            out.append(INDENT)
                    .append(String.format(
                            Locale.ROOT,
                            row,
                            p.group(),
                            p.partition(),
                            p.owner().isEmpty() ? "(none)" : p.owner(),
                            number(p.epoch()),
                            number(p.rebalances()),
                            p.lag() < 0 ? "?" : number(p.lag()),
                            number(p.leaseLeftMillis())));
        }
    }

    private static String label(String name) {
        return String.format(Locale.ROOT, "%-13s", name);
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private String bold(String text) {
        return color ? Ansi.BOLD + text + Ansi.RESET : text;
    }

    private String red(String text) {
        return color ? Ansi.RED + text + Ansi.RESET : text;
    }
}

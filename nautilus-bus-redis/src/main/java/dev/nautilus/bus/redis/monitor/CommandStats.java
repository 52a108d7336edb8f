package dev.nautilus.bus.redis.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One line of {@code INFO commandstats}: how often a command ran, how long it took, and how often it
 * failed. Failed calls are the number the dual bus is judged by: a consumer polling a missing group
 * shows up here as failed {@code xreadgroup} calls.
 *
 * @param command       the command as Redis names it, lower-case; sub-commands as {@code xgroup|create}
 * @param calls         calls that ran (failed ones included)
 * @param usec          total time spent, in microseconds
 * @param usecPerCall   average time per call, in microseconds, when reported
 * @param rejectedCalls calls refused before running (wrong arity, ACL, OOM...); Redis 6.2+, absent before
 * @param failedCalls   calls that ran and returned an error (e.g. {@code NOGROUP}); Redis 6.2+, absent before
 */
public record CommandStats(
        String command,
        long calls,
        long usec,
        OptionalDouble usecPerCall,
        OptionalLong rejectedCalls,
        OptionalLong failedCalls) {

    private static final String PREFIX = "cmdstat_";

    /** Failed calls, 0 when this Redis does not report them. */
    public long failedOrZero() {
        return failedCalls.orElse(0);
    }

    /**
     * Every {@code cmdstat_*} field of an INFO reply, most called first. A line without a readable
     * {@code calls} count is skipped: it cannot be told apart from garbage.
     */
    public static List<CommandStats> fromInfo(RedisInfo info) {
        List<CommandStats> stats = new ArrayList<>();
        for (Map.Entry<String, String> field : info.fields().entrySet()) {
            if (!field.getKey().startsWith(PREFIX) || field.getKey().length() == PREFIX.length()) {
                continue;
            }
            Map<String, String> parts = RedisInfo.subFields(field.getValue());
            OptionalLong calls = RedisInfo.parseLong(parts.get("calls"));
            if (calls.isEmpty()) {
                continue;
            }
            stats.add(new CommandStats(
                    field.getKey().substring(PREFIX.length()),
                    calls.getAsLong(),
                    RedisInfo.parseLong(parts.get("usec")).orElse(0),
                    RedisInfo.parseDouble(parts.get("usec_per_call")),
                    RedisInfo.parseLong(parts.get("rejected_calls")),
                    RedisInfo.parseLong(parts.get("failed_calls"))));
        }
        stats.sort(Comparator.comparingLong(CommandStats::calls).reversed().thenComparing(CommandStats::command));
        return List.copyOf(stats);
    }
}

package dev.nautilus.bus.redis.monitor;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How busy a Redis process was: CPU time ({@code used_cpu_sys + used_cpu_user}, all threads) over
 * wall-clock time, in percent of one core (so a busy multi-threaded Redis can exceed 100).
 *
 * @param percent the figure, absent when it could not be measured ({@link Basis#UNAVAILABLE})
 * @param basis   what the figure is averaged over
 * @param window  the wall-clock time it is averaged over (zero when unavailable)
 */
public record CpuUsage(OptionalDouble percent, Basis basis, Duration window) {

    /** What a CPU figure is averaged over. Say which, because they mean different things. */
    public enum Basis {
        /** Over the interval since the monitor's previous sample of the same process. */
        INTERVAL,
        /**
         * Since the Redis process started: the first sample (or the first after a restart) has no
         * previous one to compare with, so this long-run average is all there is.
         */
        SINCE_START,
        /** Not measurable: INFO lacked the CPU fields, or no time has passed. */
        UNAVAILABLE
    }

    /** No figure. */
    public static CpuUsage unavailable() {
        return new CpuUsage(OptionalDouble.empty(), Basis.UNAVAILABLE, Duration.ZERO);
    }

    /**
     * The CPU counters of one INFO reply, kept to compute the next interval's usage.
     *
     * @param runId      the process's {@code run_id}; a different one means Redis restarted
     * @param cpuSeconds {@code used_cpu_sys + used_cpu_user}
     * @param serverMicros {@code server_time_usec} (Redis 6.2+), or -1
     * @param localNanos {@link System#nanoTime()} when the reply arrived, used without server time
     * @param uptimeSeconds {@code uptime_in_seconds}, or -1
     */
    record Counter(String runId, double cpuSeconds, long serverMicros, long localNanos, long uptimeSeconds) {

        /** The counters of an INFO reply, or {@code null} when it has no CPU fields. */
        static Counter from(RedisInfo info, long localNanos) {
            OptionalDouble sys = info.doubleValue("used_cpu_sys");
            OptionalDouble user = info.doubleValue("used_cpu_user");
            if (sys.isEmpty() || user.isEmpty()) {
                return null;
            }
            return new Counter(
                    info.text("run_id").orElse(""),
                    sys.getAsDouble() + user.getAsDouble(),
                    info.longValue("server_time_usec").orElse(-1),
                    localNanos,
                    info.longValue("uptime_in_seconds").orElse(-1));
        }

        /**
         * Usage since {@code previous}; since start when there is no previous sample of this very
         * process (first sample, or Redis restarted and its counters went back to zero).
         */
        CpuUsage since(Counter previous) {
            boolean sameProcess = previous != null && previous.runId.equals(runId) && cpuSeconds >= previous.cpuSeconds;
            if (!sameProcess) {
                if (uptimeSeconds <= 0) {
                    return unavailable();
                }
                return new CpuUsage(
                        OptionalDouble.of(100.0 * cpuSeconds / uptimeSeconds),
                        Basis.SINCE_START,
                        Duration.ofSeconds(uptimeSeconds));
            }
            // Server time, when both replies carry it, is free of the network delay of our own clock.
            long elapsedMicros = serverMicros > 0 && previous.serverMicros > 0
                    ? serverMicros - previous.serverMicros
                    : (localNanos - previous.localNanos) / 1_000;
            if (elapsedMicros <= 0) {
                return unavailable();
            }
            double percent = 100.0 * (cpuSeconds - previous.cpuSeconds) * 1_000_000.0 / elapsedMicros;
            return new CpuUsage(OptionalDouble.of(percent), Basis.INTERVAL, Duration.ofNanos(elapsedMicros * 1_000));
        }
    }
}

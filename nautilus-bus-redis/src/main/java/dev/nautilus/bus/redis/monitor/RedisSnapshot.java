package dev.nautilus.bus.redis.monitor;

import dev.nautilus.bus.redis.partition.PartitionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one Redis looked like at one moment. When {@link #reachable()} is false only
 * {@link #target()}, {@link #takenAt()} and {@link #error()} mean anything; every figure is empty.
 *
 * @param target           the Redis
 * @param takenAt          when the sample was taken
 * @param reachable        whether the monitor could talk to it
 * @param error            why it could not, when unreachable
 * @param redisVersion     {@code redis_version}
 * @param cpu              CPU use; say what it is averaged over, see {@link CpuUsage#basis()}
 * @param connectedClients {@code connected_clients} of {@code INFO clients} (the monitor's own connection included)
 * @param clientsByEngine  connections by engine from {@code CLIENT LIST}, {@value ClientConnections#UNNAMED} for the others
 * @param commands         {@code INFO commandstats}, most called first
 * @param errors           {@code INFO errorstats}: error replies by error code (e.g. {@code NOGROUP}), when reported
 * @param memory           {@code INFO memory} figures
 * @param streams          the streams under the prefix, by key, dead-letter streams included
 * @param deadLetters      entries in the dead-letter streams of both buses under the prefix
 * @param warnings         parts of the sample that failed while the Redis was reachable (e.g. a command an ACL forbids)
 * @param partitions       the partition leases under the prefix (SPEC §1.9): owner, epoch, rebalances, lag
 */
public record RedisSnapshot(
        MonitorTarget target,
        Instant takenAt,
        boolean reachable,
        Optional<String> error,
        Optional<String> redisVersion,
        CpuUsage cpu,
        OptionalLong connectedClients,
        Map<String, Integer> clientsByEngine,
        List<CommandStats> commands,
        Map<String, Long> errors,
        MemoryUsage memory,
        List<StreamInfo> streams,
        long deadLetters,
        List<String> warnings,
        List<PartitionStatus> partitions) {

    /** Copies the collections. */
    public RedisSnapshot {
        partitions = List.copyOf(partitions);
        clientsByEngine = Map.copyOf(clientsByEngine);
        commands = List.copyOf(commands);
        errors = Map.copyOf(errors);
        streams = List.copyOf(streams);
        warnings = List.copyOf(warnings);
    }

    /** The snapshot of a Redis the monitor could not reach. */
    public static RedisSnapshot unreachable(MonitorTarget target, Instant takenAt, String error) {
        return new RedisSnapshot(
                target,
                takenAt,
                false,
                Optional.of(error),
                Optional.empty(),
                CpuUsage.unavailable(),
                OptionalLong.empty(),
                Map.of(),
                List.of(),
                Map.of(),
                MemoryUsage.unknown(),
                List.of(),
                0,
                List.of(),
                List.of());
    }

    /** The stats of one command (lower-case, e.g. {@code xreadgroup}), if it has run. */
    public Optional<CommandStats> command(String name) {
        return commands.stream().filter(c -> c.command().equals(name)).findFirst();
    }

    /** One stream by key, if it exists. */
    public Optional<StreamInfo> stream(String key) {
        return streams.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Failed calls summed over all commands. */
    public long totalFailedCalls() {
        return commands.stream().mapToLong(CommandStats::failedOrZero).sum();
    }
}

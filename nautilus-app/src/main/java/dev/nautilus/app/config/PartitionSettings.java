package dev.nautilus.app.config;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.redis.partition.LeaseSettings;
import dev.nautilus.bus.redis.partition.PartitionPlan;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Partitioned types and the leases their engines' instances share them under (SPEC §1.9).
 *
 * @param plan   the types split into partitions ({@code bus.partitions}, e.g. {@code {market_data: 12}})
 * @param leases how instances hold partitions ({@code bus.partition_lease_ms})
 */
public record PartitionSettings(PartitionPlan plan, LeaseSettings leases) {

    /** No type partitioned, default leases. */
    public static final PartitionSettings NONE = new PartitionSettings(PartitionPlan.NONE, LeaseSettings.DEFAULT);

    /**
     * Parses {@code type=count} pairs separated by commas (what a YAML map and the environment
     * variable both become), e.g. {@code market_data=12,trade_execution=12}.
     *
     * @throws ConfigException naming the pair that is not a known type with a count of 1..256
     */
    static PartitionSettings of(Optional<String> pairs, Duration leaseTime) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String pair : pairs.orElse("").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("[=:]", 2);
            try {
                counts.put(MessageType.fromWire(parts[0].strip()).wireName(), Integer.parseInt(parts[1].strip()));
            } catch (RuntimeException e) {
                throw new ConfigException("bus.partitions (NAUTILUS_BUS_PARTITIONS) must be type=count pairs such as"
                        + " market_data=12, was '" + pair.strip() + "'");
            }
        }
        try {
            return new PartitionSettings(PartitionPlan.of(counts), LeaseSettings.of(leaseTime));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("bus.partitions: " + e.getMessage());
        }
    }
}

package dev.nautilus.bus.redis.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.MessageType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {

    @Test
    void theKeyIsWhatFollowsTheSecondDot() {
        assertThat(PartitionKeys.keyOf(MessageType.MARKET_DATA, "market_data.trade.BTC-USD"))
                .isEqualTo("BTC-USD");
        assertThat(PartitionKeys.keyOf(MessageType.MARKET_DATA, "market_data.bar.BTC-USD"))
                .isEqualTo("BTC-USD");
        assertThat(PartitionKeys.keyOf(MessageType.PRICE_UPDATE, "price.update.ES.Z6"))
                .isEqualTo("ES.Z6");
        assertThat(PartitionKeys.keyOf(MessageType.PORTFOLIO_UPDATE, "portfolio.update.acct-7"))
                .isEqualTo("acct-7");
        assertThat(PartitionKeys.keyOf(MessageType.MARKET_DATA, "plain")).isEqualTo("plain");
    }

    @Test
    void aKeysPartitionIsStableAndEveryPartitionIsUsed() {
        // CRC-32 of "BTC-USD" is fixed by the algorithm, so this holds on every JVM and version.
        assertThat(PartitionKeys.partitionOf("BTC-USD", 12)).isEqualTo(PartitionKeys.partitionOf("BTC-USD", 12));
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            used.add(PartitionKeys.partitionOf("INST" + i, 12));
        }
        assertThat(used).hasSize(12);
        assertThat(PartitionKeys.partitionOf("anything", 1)).isZero();
    }

    @Test
    void slotsAreRedisClusterSlotsAndTagsFallInTheirSlice() {
        // Known values from the Redis Cluster specification's CRC16 test vector and redis-cli CLUSTER KEYSLOT.
        assertThat(ClusterSlots.crc16("123456789".getBytes())).isEqualTo(0x31C3);
        assertThat(ClusterSlots.slotOf("foo")).isEqualTo(12182);
        assertThat(ClusterSlots.slotOf("x{foo}y")).isEqualTo(12182);
        for (int n = 0; n < 12; n++) {
            int slot = ClusterSlots.slotOf("{" + ClusterSlots.partitionTag(n, 12) + "}");
            assertThat(slot).isBetween(n * 16384 / 12, (n + 1) * 16384 / 12 - 1);
        }
    }

    @Test
    void aPlanNamesTypesByWireNameAndRefusesNonsense() {
        PartitionPlan plan = PartitionPlan.of(Map.of("market_data", 12, "price_update", 1));
        assertThat(plan.partitions(MessageType.MARKET_DATA)).isEqualTo(12);
        assertThat(plan.partitioned(MessageType.PRICE_UPDATE)).isFalse();
        assertThatThrownBy(() -> PartitionPlan.of(Map.of("market_data", 0))).hasMessageContaining("1..256");
        assertThatThrownBy(() -> PartitionPlan.of(Map.of("nonsense", 2))).hasMessageContaining("nonsense");
        assertThatThrownBy(() -> plan.with(MessageType.PRICE_UPDATE, 4)
                        .commonCount(Set.of(MessageType.MARKET_DATA, MessageType.PRICE_UPDATE)))
                .hasMessageContaining("same number of partitions");
    }
}

package dev.nautilus.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.MessageType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionSettingsTest {

    @TempDir
    Path dir;

    @Test
    void unsetMeansNoTypeIsPartitioned() {
        PartitionSettings partitions = new ConfigLoader(Map.of()).load().bus().partitions();
        assertThat(partitions.plan().counts()).isEmpty();
        assertThat(partitions.leases().leaseTime()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aYamlMapAndTheVariableSayTheSame() throws Exception {
        Path file = dir.resolve("nautilus.yaml");
        Files.writeString(file, """
                bus:
                  partitions: {market_data: 12, trade_execution: 6}
                  partition_lease_ms: 4000
                """);
        PartitionSettings fromFile = new ConfigLoader(Map.of()).load(file).bus().partitions();
        assertThat(fromFile.plan().partitions(MessageType.MARKET_DATA)).isEqualTo(12);
        assertThat(fromFile.plan().partitions(MessageType.TRADE_EXECUTION)).isEqualTo(6);
        assertThat(fromFile.leases().leaseTime()).isEqualTo(Duration.ofSeconds(4));
        PartitionSettings fromEnvironment = new ConfigLoader(Map.of(
                        "NAUTILUS_BUS_PARTITIONS", "market_data=12, trade_execution=6",
                        "NAUTILUS_PARTITION_LEASE_MS", "4000"))
                .load()
                .bus()
                .partitions();
        assertThat(fromEnvironment).isEqualTo(fromFile);
    }

    @Test
    void nonsenseIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_BUS_PARTITIONS", "quotes=4")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bus.partitions")
                .hasMessageContaining("quotes=4");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("NAUTILUS_BUS_PARTITIONS", "market_data=1000")).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("1..256");
    }
}

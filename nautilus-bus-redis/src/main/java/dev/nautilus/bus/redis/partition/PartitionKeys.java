package dev.nautilus.bus.redis.partition;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Topics;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which key a message is partitioned by ({@link Topics#partitionKey}, the one rule the engines
 * share), and which partition a key goes to. The partition
 * is the key's CRC-32 modulo the count: stable across processes and versions (unlike
 * {@code String.hashCode} it is specified byte for byte), so every publisher and every instance
 * agree on it.
 */
public final class PartitionKeys {

    private PartitionKeys() {}

    /** The key of a message of {@code type} on {@code topic}. */
    public static String keyOf(MessageType type, String topic) {
        return Topics.partitionKey(topic);
    }

    /** The partition, {@code 0..count-1}, of {@code key}. */
    public static int partitionOf(String key, int count) {
        if (count == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** The partition of a message of {@code type} on {@code topic} among {@code count}. */
    public static int partitionOf(MessageType type, String topic, int count) {
        return count == 1 ? 0 : partitionOf(keyOf(type, topic), count);
    }
}

package dev.nautilus.bus.redis.partition;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's key → hash slot mapping (CRC16-CCITT/XMODEM of the key, or of its hash tag
 * {@code {…}}, modulo 16384), and the hash tags that spread P partitions over the nodes.
 *
 * <p>Why computed here: a cluster split evenly over N masters gives each a contiguous range of
 * 16384/N slots. A tag whose slot falls in the n-th of P equal slices of the slot space lands
 * partition n on the node owning that slice, so P partitions spread over min(N, P) nodes of any
 * evenly split cluster, with no need to ask the cluster for its layout: every process computes the
 * same stream names.
 */
public final class ClusterSlots {

    /** Slots of a Redis Cluster. */
    public static final int SLOTS = 16384;

    private ClusterSlots() {}

    /** The slot of {@code key}, honouring a non-empty hash tag as Redis does. */
    public static int slotOf(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        return crc16(key.getBytes(StandardCharsets.UTF_8)) % SLOTS;
    }

    /** CRC16-CCITT (XMODEM): polynomial 0x1021, initial value 0, as in the Redis Cluster spec. */
    static int crc16(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    /**
     * The hash tag (without braces) of partition {@code n} of {@code count}: {@code p<n>} followed by
     * the first suffix {@code .<i>} whose slot falls in the n-th of {@code count} equal slices of
     * the slot space.
     */
    public static String partitionTag(int n, int count) {
        if (n < 0 || n >= count) {
            throw new IllegalArgumentException("partition " + n + " of " + count);
        }
        int from = (int) ((long) n * SLOTS / count);
        int to = (int) ((long) (n + 1) * SLOTS / count);
        for (int i = 0; ; i++) {
            String tag = "p" + n + "." + i;
            int slot = crc16(tag.getBytes(StandardCharsets.UTF_8)) % SLOTS;
            if (slot >= from && slot < to) {
                return tag;
            }
        }
    }
}

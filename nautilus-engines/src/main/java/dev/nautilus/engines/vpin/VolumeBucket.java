package dev.nautilus.engines.vpin;

/**
 * A completed volume bucket.
 *
 * @param sequence    0-based bucket number
 * @param startMicros time of the first volume poured into the bucket
 * @param endMicros   time of the volume that completed it
 * @param volume      bucket volume (the target size V, up to rounding)
 * @param buyVolume   volume classified as buyer-initiated, in [0, volume]
 */
public record VolumeBucket(long sequence, long startMicros, long endMicros, double volume, double buyVolume) {

    /** {@code volume - buyVolume}. */
    public double sellVolume() {
        return volume - buyVolume;
    }

    /** Order imbalance {@code |V_buy - V_sell|}. */
    public double orderImbalance() {
        return Math.abs(buyVolume - sellVolume());
    }
}

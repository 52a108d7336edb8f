package dev.nautilus.engines.vpin;

/**
 * The last n buckets' order imbalances and volumes, giving
 * {@code VPIN = Σ|V_buy - V_sell| / Σ V} — the paper's {@code Σ|V_buy - V_sell| / (n·V)} when all
 * buckets have size V, and the natural extension when the size adapts.
 *
 * <p>Running sums are recomputed from the ring once per n buckets, so subtraction rounding cannot
 * drift (O(1) amortised).
 */
public final class VpinWindow {

    private final double[] imbalance;
    private final double[] volume;
    private int next;
    private int count;
    private double sumImbalance;
    private double sumVolume;

    /** @param buckets window length n, {@code >= 1} (the paper uses 50) */
    public VpinWindow(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
        }
        this.imbalance = new double[buckets];
        this.volume = new double[buckets];
    }

    /** Adds a completed bucket. */
    public void add(VolumeBucket bucket) {
        if (count == imbalance.length) {
            sumImbalance -= imbalance[next];
            sumVolume -= volume[next];
        } else {
            count++;
        }
        imbalance[next] = bucket.orderImbalance();
        volume[next] = bucket.volume();
        sumImbalance += imbalance[next];
        sumVolume += volume[next];
        next = (next + 1) % imbalance.length;
        if (next == 0) {
            sumImbalance = 0;
            sumVolume = 0;
            for (int i = 0; i < count; i++) {
                sumImbalance += imbalance[i];
                sumVolume += volume[i];
            }
        }
    }

    /**
     * The ring and its running sums, exact: the sums carry the rounding of their additions since the
     * last recomputation, so they are kept rather than recomputed.
     */
    public State state() {
        return new State(imbalance.clone(), volume.clone(), next, count, sumImbalance, sumVolume);
    }

    /** Continues from {@code state}, as {@link #state} gave it. */
    public void restore(State state) {
        if (state.imbalance().length != imbalance.length || state.volume().length != volume.length) {
            throw new IllegalArgumentException("the state is a window of " + state.imbalance().length
                    + " buckets, this one holds " + imbalance.length);
        }
        System.arraycopy(state.imbalance(), 0, imbalance, 0, imbalance.length);
        System.arraycopy(state.volume(), 0, volume, 0, volume.length);
        next = state.next();
        count = state.count();
        sumImbalance = state.sumImbalance();
        sumVolume = state.sumVolume();
    }

    /** The ring of the last n buckets' imbalances and volumes, its position and running sums. */
    public record State(
            double[] imbalance, double[] volume, int next, int count, double sumImbalance, double sumVolume) {}

    /** True once n buckets were added. */
    public boolean isFull() {
        return count == imbalance.length;
    }

    /** VPIN over the buckets held, clamped to [0, 1] against rounding; NaN when empty. */
    public double vpin() {
        return count == 0 ? Double.NaN : Math.max(0, Math.min(1, sumImbalance / sumVolume));
    }
}

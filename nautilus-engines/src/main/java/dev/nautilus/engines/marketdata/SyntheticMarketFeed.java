package dev.nautilus.engines.marketdata;

import dev.nautilus.engines.stats.NormalDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic synthetic multi-asset feed with correlated returns.
 *
 * <p>Each step every instrument {@code i} in sector {@code s(i)} moves by the log return
 * <pre>  r_i = β_i · f_m + f_s(i) + ε_i,   f_m ~ N(0, σ_m²), f_s ~ N(0, σ_s²), ε_i ~ N(0, σ_ε²)</pre>
 * (a one-factor market model plus a sector factor), all draws independent. Hence
 * {@code corr(r_i, r_j) = (β_i β_j σ_m² + [s(i)=s(j)] σ_s²) / (σ_i σ_j)} with
 * {@code σ_i² = β_i² σ_m² + σ_s² + σ_ε²}; {@link #modelCorrelation} returns it so tests can check
 * the sample against the model.
 *
 * <p>Each step emits one trade per instrument, stamped at the step time. The size is lognormal,
 * {@code exp(μ + σ Z)}, scaled by {@code sqrt(cap / medianCap)} so large caps trade larger. The
 * aggressor is BUY with probability {@code Φ(r_i / σ_i)} — buyers push prices up, which is exactly
 * what bulk volume classification assumes, so VPIN has something real to find.
 *
 * <p>Determinism: {@link java.util.Random} is used on purpose, because its algorithm (48-bit LCG,
 * polar Gaussian) is fixed by its specification, so a seed gives the same feed on every JDK.
 * Instrument parameters (sector round-robin, cap lognormal around 10 bn, β in [0.5, 1.5], price in
 * [10, 500]) come from the same seed. Not thread-safe.
 */
public final class SyntheticMarketFeed {

    private final SyntheticFeedConfig config;
    private final Random random;
    private final List<InstrumentSpec> instruments;
    private final double[] logPrice;
    private final double[] sizeScale;
    private final double[] sectorFactor;
    private long step;

    /** Creates the universe described by {@code config}. */
    public SyntheticMarketFeed(SyntheticFeedConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
        int n = config.instrumentCount();
        List<InstrumentSpec> specs = new ArrayList<>(n);
        double[] caps = new double[n];
        for (int i = 0; i < n; i++) {
            double cap = 1e10 * Math.exp(1.2 * random.nextGaussian());
            double beta = 0.5 + random.nextDouble();
            double price = 10 + 490 * random.nextDouble();
            specs.add(new InstrumentSpec(
                    String.format(Locale.ROOT, "SYN%03d", i), i % config.sectorCount(), cap, beta, price));
            caps[i] = cap;
        }
        this.instruments = Collections.unmodifiableList(specs);
        double[] sorted = caps.clone();
        Arrays.sort(sorted);
        double median = sorted[n / 2];
        this.logPrice = new double[n];
        this.sizeScale = new double[n];
        for (int i = 0; i < n; i++) {
            logPrice[i] = Math.log(specs.get(i).initialPrice());
            sizeScale[i] = Math.sqrt(caps[i] / median);
        }
        this.sectorFactor = new double[config.sectorCount()];
    }

    /** The universe, in symbol order. */
    public List<InstrumentSpec> instruments() {
        return instruments;
    }

    /**
     * Reference data of the universe, in symbol order: sector, shares outstanding and fundamentals.
     * Fundamentals come from a generator of their own (seeded from the feed's seed) so that adding
     * them left the price path of every seed unchanged. Book/price is lognormal around 0.4, sales/price
     * around 0.8, cash-flow/price normal around 0.08 (so a few are negative), all at the initial price.
     *
     * @param universe the universe name carried by every reference
     */
    public List<InstrumentReference> references(String universe) {
        Random fundamentals = new Random(config.seed() ^ 0x5DEECE66DL);
        List<InstrumentReference> refs = new ArrayList<>(instruments.size());
        for (InstrumentSpec s : instruments) {
            double cap = s.marketCap();
            refs.add(new InstrumentReference(
                    s.symbol(),
                    universe,
                    s.sectorName(),
                    s.sharesOutstanding(),
                    cap * 0.4 * Math.exp(0.5 * fundamentals.nextGaussian()),
                    cap * 0.8 * Math.exp(0.6 * fundamentals.nextGaussian()),
                    cap * (0.08 + 0.05 * fundamentals.nextGaussian())));
        }
        return List.copyOf(refs);
    }

    /** Model correlation of the per-step log returns of instruments {@code i} and {@code j}. */
    public double modelCorrelation(int i, int j) {
        InstrumentSpec a = instruments.get(i);
        InstrumentSpec b = instruments.get(j);
        double m2 = config.marketVol() * config.marketVol();
        double s2 = config.sectorVol() * config.sectorVol();
        double cov = a.beta() * b.beta() * m2 + (a.sector() == b.sector() ? s2 : 0.0);
        return i == j ? 1.0 : cov / (totalVol(a) * totalVol(b));
    }

    private double totalVol(InstrumentSpec s) {
        double m = s.beta() * config.marketVol();
        return Math.sqrt(m * m
                + config.sectorVol() * config.sectorVol()
                + config.idiosyncraticVol() * config.idiosyncraticVol());
    }

    /** Advances one step and returns one trade per instrument, in symbol order. */
    public List<Trade> nextStep() {
        long ts = config.startMicros() + step * config.stepMicros();
        step++;
        double market = config.marketVol() * random.nextGaussian();
        for (int k = 0; k < sectorFactor.length; k++) {
            sectorFactor[k] = config.sectorVol() * random.nextGaussian();
        }
        List<Trade> out = new ArrayList<>(instruments.size());
        for (int i = 0; i < instruments.size(); i++) {
            InstrumentSpec spec = instruments.get(i);
            double r = spec.beta() * market
                    + sectorFactor[spec.sector()]
                    + config.idiosyncraticVol() * random.nextGaussian();
            logPrice[i] += r;
            double size = sizeScale[i] * Math.exp(config.logSizeMean() + config.logSizeSd() * random.nextGaussian());
            double sigma = totalVol(spec);
            double pBuy = sigma > 0 ? NormalDistribution.cdf(r / sigma) : 0.5;
            Side side = random.nextDouble() < pBuy ? Side.BUY : Side.SELL;
            out.add(new Trade(spec.symbol(), ts, Math.exp(logPrice[i]), size, side));
        }
        return out;
    }

    /** Number of steps emitted so far. */
    public long stepCount() {
        return step;
    }
}

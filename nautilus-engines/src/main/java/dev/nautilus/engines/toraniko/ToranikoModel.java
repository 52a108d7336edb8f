package dev.nautilus.engines.toraniko;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.stats.CrossSectionalScores;
import dev.nautilus.engines.universe.CrossSection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The risk model of one universe, period by period: each cross-section ends a period.
 *
 * <p>At the end of period {@code t-1} the model scores every asset with enough history (momentum,
 * value, size; see {@link StyleScores}) and notes its market cap and sector. At the end of period
 * {@code t} the assets' one-period returns {@code close_t / close_{t-1} - 1} are winsorised and
 * regressed on those exposures ({@link FactorReturnEstimator}). Exposures are therefore known before
 * the returns they explain, as in a production risk model (toraniko joins same-date scores, whose
 * momentum is lagged anyway). An asset that misses a cross-section starts its return history over,
 * since a return spanning two periods is not a one-period return. A period in which a sector has no
 * scored asset is skipped (its return would not be identified). Not thread-safe.
 */
public final class ToranikoModel {

    /** Style factor names, in the order of the style columns. */
    public static final List<String> STYLES = List.of("momentum", "value", "size");

    private static final int MIN_ASSETS = 3;

    private final String universe;
    private final ToranikoConfig config;
    private final Map<String, ArrayDeque<Double>> returns = new HashMap<>();
    private final Map<String, Double> lastClose = new HashMap<>();
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final SortedSet<String> sectors = new TreeSet<>();
    private final RollingFactorCovariance covariance;
    private long lastEnd = Long.MIN_VALUE;
    private Exposures exposures;
    private FactorReturns latest;
    private long skippedPeriods;

    /** Style exposures, caps and sectors as of the end of a period. */
    private record Exposures(
            long asOfMicros, List<String> symbols, double[] caps, List<String> sectors, double[][] styles) {}

    /**
     * @param universe the universe modelled
     * @param config   model parameters
     */
    public ToranikoModel(String universe, ToranikoConfig config) {
        this.universe = Objects.requireNonNull(universe, "universe");
        this.config = Objects.requireNonNull(config, "config");
        this.covariance = new RollingFactorCovariance(config.covarianceWindow());
    }

    /** Ends a period with its cross-section; returns the period's factor returns when they could be estimated. */
    public Optional<FactorReturns> onCrossSection(CrossSection section) {
        if (section.endMicros() <= lastEnd) {
            throw new IllegalArgumentException("cross-section at " + section.endMicros() + " is not after " + lastEnd);
        }
        Map<String, Double> periodReturns = updateReturns(section);
        section.references().values().forEach(r -> sectors.add(r.sector()));
        Optional<FactorReturns> result = Optional.empty();
        if (exposures != null && exposures.asOfMicros() == lastEnd) {
            result = estimate(section.endMicros(), periodReturns);
        }
        exposures = score(section);
        lastEnd = section.endMicros();
        result.ifPresent(r -> latest = r);
        return result;
    }

    /** The rolling factor covariance after the latest estimated period, once two periods are held. */
    public Optional<FactorCovarianceUpdate> covarianceUpdate() {
        if (latest == null) {
            return Optional.empty();
        }
        return covariance
                .covariance()
                .map(m -> new FactorCovarianceUpdate(
                        universe,
                        latest.periodEndMicros(),
                        latest.factors(),
                        covariance.periods(),
                        java.util.Arrays.stream(m)
                                .map(row -> java.util.Arrays.stream(row).boxed().toList())
                                .toList()));
    }

    /** Periods skipped because a sector had no scored asset. */
    public long skippedPeriods() {
        return skippedPeriods;
    }

    private Map<String, Double> updateReturns(CrossSection section) {
        Map<String, Double> periodReturns = new HashMap<>();
        for (Bar bar : section.bars().values()) {
            String symbol = bar.instrument();
            ArrayDeque<Double> history = returns.computeIfAbsent(symbol, s -> new ArrayDeque<>());
            Long seen = lastSeen.get(symbol);
            if (seen != null && seen == lastEnd) {
                double r = bar.close() / lastClose.get(symbol) - 1;
                periodReturns.put(symbol, r);
                if (history.size() == config.returnsNeeded()) {
                    history.pollFirst();
                }
                history.addLast(r);
            } else {
                history.clear();
            }
            lastClose.put(symbol, bar.close());
            lastSeen.put(symbol, section.endMicros());
        }
        return periodReturns;
    }

    private Optional<FactorReturns> estimate(long endMicros, Map<String, Double> periodReturns) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < exposures.symbols().size(); i++) {
            if (periodReturns.containsKey(exposures.symbols().get(i))) {
                rows.add(i);
            }
        }
        List<String> sectorNames = List.copyOf(sectors);
        int n = rows.size();
        double[] r = new double[n];
        double[] caps = new double[n];
        int[] sector = new int[n];
        double[][] styles = new double[n][];
        boolean[] populated = new boolean[sectorNames.size()];
        for (int k = 0; k < n; k++) {
            int i = rows.get(k);
            r[k] = periodReturns.get(exposures.symbols().get(i));
            caps[k] = exposures.caps()[i];
            sector[k] = sectorNames.indexOf(exposures.sectors().get(i));
            populated[sector[k]] = true;
            styles[k] = exposures.styles()[i];
        }
        for (boolean p : populated) {
            if (!p || n < MIN_ASSETS) {
                skippedPeriods++;
                return Optional.empty();
            }
        }
        PeriodEstimate estimate = FactorReturnEstimator.estimate(
                CrossSectionalScores.winsorize(r, config.returnsWinsor()),
                caps,
                sector,
                sectorNames.size(),
                styles,
                config.constraint(),
                config.residualizeStyles());
        covariance.add(estimate.factorReturns());
        List<String> factors = new ArrayList<>();
        factors.add("market");
        factors.addAll(sectorNames);
        factors.addAll(STYLES);
        List<FactorReturns.AssetResidual> residuals = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            residuals.add(
                    new FactorReturns.AssetResidual(exposures.symbols().get(rows.get(k)), estimate.residuals()[k]));
        }
        return Optional.of(new FactorReturns(
                universe,
                exposures.asOfMicros(),
                endMicros,
                factors,
                java.util.Arrays.stream(estimate.factorReturns()).boxed().toList(),
                residuals));
    }

    /** Style scores of the assets with a full momentum history, or null with fewer than three. */
    private Exposures score(CrossSection section) {
        List<String> symbols = new ArrayList<>();
        for (String symbol : section.bars().keySet()) {
            if (returns.get(symbol).size() >= config.returnsNeeded()) {
                symbols.add(symbol);
            }
        }
        int n = symbols.size();
        if (n < MIN_ASSETS) {
            return null;
        }
        double[] momentum = new double[n];
        double[] caps = new double[n];
        double[] bp = new double[n];
        double[] sp = new double[n];
        double[] cfp = new double[n];
        List<String> assetSectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String symbol = symbols.get(i);
            InstrumentReference ref = section.references().get(symbol);
            double[] history = returns.get(symbol).stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            momentum[i] = StyleScores.momentum(
                    history, config.momentumTrailing(), config.momentumHalfLife(), config.momentumLag());
            caps[i] = section.marketCap(symbol);
            bp[i] = ref.bookValue() / caps[i];
            sp[i] = ref.sales() / caps[i];
            cfp[i] = ref.cashFlow() / caps[i];
            assetSectors.add(ref.sector());
        }
        double[] mom = StyleScores.momentumScores(momentum, config.momentumWinsor());
        double[] val = StyleScores.valueScores(bp, sp, cfp, config.valueWinsor());
        double[] size = StyleScores.sizeScores(caps);
        double[][] styles = new double[n][];
        for (int i = 0; i < n; i++) {
            styles[i] = new double[] {mom[i], val[i], size[i]};
        }
        return new Exposures(section.endMicros(), List.copyOf(symbols), caps, List.copyOf(assetSectors), styles);
    }
}

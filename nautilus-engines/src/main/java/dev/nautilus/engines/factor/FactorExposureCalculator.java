package dev.nautilus.engines.factor;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.stats.CrossSectionalScores;
import dev.nautilus.engines.stats.RunningMoments;
import dev.nautilus.engines.universe.BarHistory;
import dev.nautilus.engines.universe.CrossSection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cross-sectional exposures of one universe to momentum, volatility, liquidity and size.
 *
 * <p>Per instrument, from its own last bars (see {@link InstrumentExposure} for the formulas); then,
 * across the instruments that have enough history, each factor is winsorised at the configured
 * percentile and standardised to mean 0 and sample standard deviation 1. An instrument is eligible
 * at a rebalance when it has a bar in that cross-section, {@link FactorConfig#historyNeeded()} bars
 * of history and finite factors (bars without volume give no liquidity); at least three are needed
 * for a cross-section. Not thread-safe.
 */
public final class FactorExposureCalculator {

    private static final int MIN_INSTRUMENTS = 3;

    private final FactorConfig config;
    private final BarHistory history;
    private long sections;

    /** @param config look-backs and normalisation */
    public FactorExposureCalculator(FactorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.history = new BarHistory(config.historyNeeded());
    }

    /**
     * Adds a cross-section and, on a rebalance with at least three eligible instruments, returns the
     * exposures as of its end.
     *
     * @param universeSize members of the universe (for the report)
     */
    public Optional<FactorExposures> onCrossSection(CrossSection section, int universeSize) {
        history.add(section);
        sections++;
        if (sections % config.rebalanceEvery() != 0) {
            return Optional.empty();
        }
        List<String> symbols = new ArrayList<>();
        List<double[]> raw = new ArrayList<>();
        for (String symbol : section.bars().keySet()) {
            List<Bar> bars = history.of(symbol);
            if (bars.size() >= config.historyNeeded()) {
                double[] factors =
                        rawFactors(bars, section.references().get(symbol).sharesOutstanding());
                if (Arrays.stream(factors)
                        .allMatch(Double::isFinite)) { // no dollar volume (zero-volume bars): no liquidity
                    symbols.add(symbol);
                    raw.add(factors);
                }
            }
        }
        if (symbols.size() < MIN_INSTRUMENTS) {
            return Optional.empty();
        }
        double[][] z = new double[4][];
        for (int f = 0; f < 4; f++) {
            double[] column = new double[symbols.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = raw.get(i)[f];
            }
            z[f] = CrossSectionalScores.winsorizedZScores(column, config.winsorPercentile());
        }
        List<InstrumentExposure> out = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            double[] r = raw.get(i);
            String symbol = symbols.get(i);
            out.add(new InstrumentExposure(
                    symbol,
                    section.references().get(symbol).sector(),
                    z[0][i],
                    z[1][i],
                    z[2][i],
                    z[3][i],
                    r[0],
                    r[1],
                    r[2],
                    r[3]));
        }
        return Optional.of(new FactorExposures(
                section.universe(), section.endMicros(), out, universeSize, universeSize - symbols.size()));
    }

    /** Momentum, volatility, liquidity, size of one instrument from its bars (oldest first). */
    private double[] rawFactors(List<Bar> bars, double shares) {
        int last = bars.size() - 1;
        double momentum = Math.log(bars.get(last - config.momentumSkip()).close()
                / bars.get(last - config.momentumLookback()).close());
        RunningMoments returns = new RunningMoments();
        for (int i = last - config.volatilityWindow() + 1; i <= last; i++) {
            returns.add(Math.log(bars.get(i).close() / bars.get(i - 1).close()));
        }
        double volatility = returns.sampleStdDev();
        double dollarVolume = 0;
        for (int i = last - config.liquidityWindow() + 1; i <= last; i++) {
            dollarVolume += bars.get(i).vwap() * bars.get(i).volume();
        }
        double liquidity = Math.log(dollarVolume / config.liquidityWindow());
        double size = Math.log(shares * bars.get(last).close());
        return new double[] {momentum, volatility, liquidity, size};
    }
}

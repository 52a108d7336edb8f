package dev.nautilus.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.engines.collateral.MarginCalculator;
import dev.nautilus.engines.collateral.MarginRates;
import dev.nautilus.engines.collateral.MarginSchedule;
import dev.nautilus.engines.collateral.MarginStatus;
import dev.nautilus.engines.features.FeatureCalculator;
import dev.nautilus.engines.features.FeatureConfig;
import dev.nautilus.engines.features.FeatureSnapshot;
import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.TimeBarAggregator;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeLoad;
import dev.nautilus.engines.portfolio.FeeModel;
import dev.nautilus.engines.portfolio.PaperExecutor;
import dev.nautilus.engines.portfolio.Portfolio;
import dev.nautilus.engines.portfolio.Position;
import dev.nautilus.engines.portfolio.SlippageModel;
import dev.nautilus.engines.risk.DrawdownTracker;
import dev.nautilus.engines.risk.FlashCrashDetector;
import dev.nautilus.engines.risk.PreTradeRiskCheck;
import dev.nautilus.engines.risk.RiskDecision;
import dev.nautilus.engines.risk.RiskEstimate;
import dev.nautilus.engines.risk.RiskLimits;
import dev.nautilus.engines.risk.ValueAtRisk;
import dev.nautilus.engines.risk.VarReport;
import dev.nautilus.engines.strategy.MovingAverageCrossStrategy;
import dev.nautilus.engines.strategy.Signal;
import dev.nautilus.engines.strategy.VpinFilteredStrategy;
import dev.nautilus.engines.vpin.EnhancedVpinCalculator;
import dev.nautilus.engines.vpin.EnhancedVpinConfig;
import dev.nautilus.engines.vpin.EnhancedVpinEstimate;
import dev.nautilus.engines.vpin.VpinCalculator;
import dev.nautilus.engines.vpin.VpinConfig;
import dev.nautilus.engines.vpin.VpinEstimate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 99,982 valid Bitstamp BTC/USD trades of 25 Nov – 1 Dec 2013 through features, VPIN, enhanced
 * VPIN, a VPIN-filtered MA cross on one-minute bars, pre-trade risk, paper execution, drawdown,
 * VaR, flash-crash detection and margin — asserting invariants at every step, and determinism.
 */
class BtcReplayPipelineTest {

    private static final String BTC = BitstampTradeReplay.INSTRUMENT;
    private static final double BUCKET = 500; // ≈ 25,000 BTC a day / 50 buckets, as in the paper
    private static TradeLoad load;
    private static Outcome first;

    /** What a run produced; equal across runs when the pipeline is deterministic. */
    record Outcome(
            List<String> violations,
            int bars,
            long vpinBuckets,
            List<Double> vpins,
            int toxicAlerts,
            int enhancedEstimates,
            double lastEnhancedBucketVolume,
            int signals,
            long fills,
            int riskRejections,
            BigDecimal cash,
            BigDecimal equity,
            BigDecimal realised,
            BigDecimal fees,
            double maxDrawdown,
            VarReport var,
            int flashCrashes,
            double maxUtilisation,
            int marginCalls) {}

    @BeforeAll
    static void loadTrades() {
        load = BitstampTradeReplay.load();
        first = run(load.trades());
    }

    @Test
    void fullPipelineKeepsItsInvariants() {
        Outcome o = first;

        assertThat(o.violations()).isEmpty();
        assertThat(load.trades()).hasSize(99_982);
        // 175,778.65 BTC / 500 per bucket → 351 full buckets; VPIN from the 50th on: 302 estimates
        assertThat(o.vpinBuckets()).isEqualTo(351);
        assertThat(o.vpins()).hasSize(302).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(o.enhancedEstimates()).isPositive();
        assertThat(o.lastEnhancedBucketVolume()).isNotEqualTo(BUCKET); // adapted to measured daily volume
        assertThat(o.bars()).isGreaterThan(7_000); // one-minute bars over a week, gaps skipped
        assertThat(o.fills()).isPositive();
        assertThat(o.maxDrawdown()).isBetween(0.0, 1.0);
        for (RiskEstimate e : List.of(
                o.var().historical95(),
                o.var().historical99(),
                o.var().parametric95(),
                o.var().parametric99())) {
            assertThat(e.expectedShortfall()).isGreaterThanOrEqualTo(e.valueAtRisk());
        }
        assertThat(o.var().historical99().valueAtRisk())
                .isGreaterThanOrEqualTo(o.var().historical95().valueAtRisk());
        assertThat(o.maxUtilisation()).isBetween(0.0, 1.0);
        assertThat(o.marginCalls()).isZero(); // 1 BTC on 10,000 USD never comes near maintenance
    }

    @Test
    void twoRunsGiveIdenticalResults() {
        assertThat(run(load.trades())).isEqualTo(first);
    }

    private static void check(List<String> violations, boolean ok, String what, Object at) {
        if (!ok && violations.size() < 20) {
            violations.add(what + " violated at " + at);
        }
    }

    private static Outcome run(List<Trade> trades) {
        FeatureCalculator features = new FeatureCalculator(FeatureConfig.defaults());
        VpinCalculator vpin = new VpinCalculator(BTC, VpinConfig.paper(BUCKET));
        EnhancedVpinCalculator enhanced = new EnhancedVpinCalculator(BTC, EnhancedVpinConfig.defaults(BUCKET));
        TimeBarAggregator minuteBars = new TimeBarAggregator(60_000_000L);
        VpinFilteredStrategy strategy =
                new VpinFilteredStrategy(new MovingAverageCrossStrategy(10, 30, BigDecimal.ONE, true));
        PreTradeRiskCheck risk = new PreTradeRiskCheck(new RiskLimits(5, 5_000, 0.5));
        Portfolio portfolio = new Portfolio(new BigDecimal("10000"));
        PaperExecutor executor = new PaperExecutor(new FeeModel(25), new SlippageModel(2, 1));
        DrawdownTracker drawdown = new DrawdownTracker();
        FlashCrashDetector crashes = new FlashCrashDetector(300_000_000L, 0.05);
        MarginCalculator margin = new MarginCalculator(
                MarginSchedule.builder(new MarginRates(0.5, 0.3)).build());

        List<String> violations = new ArrayList<>();
        List<Double> vpins = new ArrayList<>();
        List<Double> equityReturns = new ArrayList<>();
        List<Signal> pending = new ArrayList<>();
        int toxicAlerts = 0;
        int enhancedCount = 0;
        double lastEnhancedBucket = Double.NaN;
        int barCount = 0;
        int signals = 0;
        int riskRejections = 0;
        int flashCrashes = 0;
        int marginCalls = 0;
        double maxUtilisation = 0;
        double lastEquity = Double.NaN;
        double low = Double.MAX_VALUE;
        double high = 0;

        for (Trade t : trades) {
            low = Math.min(low, t.price());
            high = Math.max(high, t.price());
            portfolio.mark(BTC, t.price());

            // plain checks per trade (AssertJ objects ×100,000 would dominate the run time)
            FeatureSnapshot f = features.onTrade(t);
            check(violations, Double.isNaN(f.rsi()) || (f.rsi() >= 0 && f.rsi() <= 100), "rsi", f);
            check(violations, f.flowImbalance() >= -1 && f.flowImbalance() <= 1, "flowImbalance", f);
            check(violations, f.vwap() >= low && f.vwap() <= high, "vwap", f);
            check(violations, f.rollingVwap() >= low && f.rollingVwap() <= high, "rollingVwap", f);
            check(violations, Double.isNaN(f.volatility()) || f.volatility() >= 0, "volatility", f);

            for (VpinEstimate e : vpin.onTrade(t)) {
                check(violations, e.cdf() > 0 && e.cdf() <= 1, "cdf", e);
                vpins.add(e.vpin());
                toxicAlerts += e.toxic() ? 1 : 0;
                strategy.onToxicity(BTC, e.timestampMicros(), e.toxic(), "VPIN CDF " + e.cdf())
                        .ifPresent(pending::add);
            }
            for (EnhancedVpinEstimate e : enhanced.onTrade(t)) {
                check(
                        violations,
                        e.vpinBvc() >= 0 && e.vpinBvc() <= 1 && e.vpinTickRule() >= 0 && e.vpinTickRule() <= 1,
                        "enhanced vpin",
                        e);
                enhancedCount++;
                lastEnhancedBucket = e.bucketVolume();
            }
            if (crashes.onPrice(BTC, t.timestampMicros(), t.price()).isPresent()) {
                flashCrashes++;
            }
            Optional<Bar> bar = minuteBars.onTrade(t);
            if (bar.isPresent()) {
                barCount++;
                strategy.onPrice(BTC, bar.get().endMicros(), bar.get().close()).ifPresent(pending::add);
            }
            // act on signals at the first trade price available after they were made
            for (Signal s : pending) {
                signals++;
                Position pos = portfolio.position(BTC);
                RiskDecision d = risk.check(
                        BTC,
                        pos.quantity().doubleValue(),
                        s.targetQuantity().doubleValue(),
                        t.price(),
                        portfolio.equity().doubleValue());
                if (d.approved()) {
                    executor.execute(s, t.price(), portfolio);
                } else {
                    riskRejections++;
                }
            }
            pending.clear();

            if (bar.isPresent()) {
                BigDecimal equity = portfolio.equity();
                check(
                        violations,
                        portfolio.cash().add(portfolio.positionValue()).compareTo(equity) == 0,
                        "cash + positions = equity",
                        equity);
                check(
                        violations,
                        portfolio
                                        .initialCash()
                                        .add(portfolio.realised())
                                        .add(portfolio.unrealised())
                                        .subtract(portfolio.fees())
                                        .compareTo(equity)
                                == 0,
                        "initial + realised + unrealised - fees = equity",
                        equity);
                double eq = equity.doubleValue();
                if (!Double.isNaN(lastEquity)) {
                    equityReturns.add(eq / lastEquity - 1);
                }
                lastEquity = eq;
                drawdown.update(t.timestampMicros(), eq);
                MarginStatus m = margin.assess(
                        t.timestampMicros(),
                        Map.of(BTC, portfolio.position(BTC).quantity()),
                        Map.of(BTC, portfolio.markOf(BTC)),
                        equity);
                maxUtilisation = Math.max(maxUtilisation, m.utilisation());
                marginCalls += margin.marginCall(m).isPresent() ? 1 : 0;
            }
        }
        vpin.flush().forEach(e -> vpins.add(e.vpin()));
        enhancedCount += enhanced.flush().size();

        double[] r = equityReturns.stream().mapToDouble(Double::doubleValue).toArray();
        return new Outcome(
                List.copyOf(violations),
                barCount,
                vpin.completedBuckets(),
                List.copyOf(vpins),
                toxicAlerts,
                enhancedCount,
                lastEnhancedBucket,
                signals,
                portfolio.fillCount(),
                riskRejections,
                portfolio.cash(),
                portfolio.equity(),
                portfolio.realised(),
                portfolio.fees(),
                drawdown.snapshot().maximum(),
                ValueAtRisk.report(r),
                flashCrashes,
                maxUtilisation,
                marginCalls);
    }
}

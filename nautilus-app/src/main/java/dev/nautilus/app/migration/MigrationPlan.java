package dev.nautilus.app.migration;

import static dev.nautilus.bus.MessageType.ANALYTICS_RESULT;
import static dev.nautilus.bus.MessageType.COLLATERAL_UPDATE;
import static dev.nautilus.bus.MessageType.FACTOR_CALCULATION;
import static dev.nautilus.bus.MessageType.FEATURE_CALCULATION;
import static dev.nautilus.bus.MessageType.MARKET_DATA;
import static dev.nautilus.bus.MessageType.ML_PREDICTION;
import static dev.nautilus.bus.MessageType.PORTFOLIO_UPDATE;
import static dev.nautilus.bus.MessageType.PRICE_UPDATE;
import static dev.nautilus.bus.MessageType.RISK_METRIC;
import static dev.nautilus.bus.MessageType.STRATEGY_SIGNAL;
import static dev.nautilus.bus.MessageType.SYSTEM_COORDINATION;
import static dev.nautilus.bus.MessageType.TRADE_EXECUTION;
import static dev.nautilus.bus.MessageType.VPIN_CALCULATION;

import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order engines move in: every engine after all the engines it feeds (consumers before their
 * producers, the market-data hub last). Then, when an engine moves, every stream it reads has all
 * its producers still on the old layout, so its copy on the new side is in the same order and its
 * position translates exactly (see {@link GroupTranslation}); its own output's consumers are on the
 * new side already, reading its copies and then its originals.
 *
 * <p>"Feeds": A feeds B when B reads a type A writes and one of A's publication topics matches one
 * of B's subscription patterns (both from {@link EngineMatrix}). What each engine writes by type is
 * {@link #WRITES} (from the engines' publish calls; the matrix lists topics only).
 */
public final class MigrationPlan {

    /** The message types each engine publishes. */
    static final Map<String, Set<MessageType>> WRITES = Map.ofEntries(
            Map.entry(EngineMatrix.MARKETDATA, EnumSet.of(MARKET_DATA, PRICE_UPDATE)),
            Map.entry(EngineMatrix.FEATURES, EnumSet.of(FEATURE_CALCULATION)),
            Map.entry(EngineMatrix.VPIN, EnumSet.of(VPIN_CALCULATION)),
            Map.entry(EngineMatrix.ENHANCED_VPIN, EnumSet.of(VPIN_CALCULATION)),
            Map.entry(EngineMatrix.STRATEGY, EnumSet.of(STRATEGY_SIGNAL)),
            Map.entry(EngineMatrix.PORTFOLIO, EnumSet.of(PORTFOLIO_UPDATE, TRADE_EXECUTION)),
            Map.entry(EngineMatrix.RISK, EnumSet.of(RISK_METRIC)),
            Map.entry(EngineMatrix.COLLATERAL, EnumSet.of(COLLATERAL_UPDATE)),
            Map.entry(EngineMatrix.ANALYTICS, EnumSet.of(ANALYTICS_RESULT)),
            Map.entry(EngineMatrix.FACTOR, EnumSet.of(FACTOR_CALCULATION)),
            Map.entry(EngineMatrix.TORANIKO, EnumSet.of(FACTOR_CALCULATION)),
            Map.entry(EngineMatrix.ML, EnumSet.of(ML_PREDICTION)),
            Map.entry(EngineMatrix.BACKTESTING, EnumSet.of(SYSTEM_COORDINATION)),
            Map.entry(EngineMatrix.WEBSOCKET, EnumSet.noneOf(MessageType.class)));

    /**
     * One engine in the plan.
     *
     * @param engine   its name
     * @param reads    the types it reads
     * @param writes   the types it writes
     * @param feeds    the engines it feeds (moved before it)
     * @param inCycle  whether it feeds an engine that (indirectly) feeds it: its step may repeat
     *                 entries (reported as overlap), so it is best moved while its producers are quiet
     */
    public record Step(
            String engine, Set<MessageType> reads, Set<MessageType> writes, List<String> feeds, boolean inCycle) {}

    private MigrationPlan() {}

    /** Every engine of the given names (matrix order when empty: all of them), in a safe order. */
    public static List<Step> of(List<String> engines) {
        List<EngineWiring> rows = engines.isEmpty()
                ? EngineMatrix.all()
                : engines.stream().map(EngineMatrix::of).toList();
        List<Step> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        List<EngineWiring> remaining = new ArrayList<>(rows);
        while (!remaining.isEmpty()) {
            EngineWiring next = remaining.stream()
                    .filter(r -> feeds(r, rows).stream().allMatch(c -> c.equals(r.name()) || placed.contains(c)))
                    .findFirst()
                    .orElse(null);
            boolean cycle = next == null;
            if (cycle) {
                next = remaining.get(0);
            }
            remaining.remove(next);
            placed.add(next.name());
            order.add(new Step(next.name(), next.types(), writes(next.name()), feeds(next, rows), cycle));
        }
        return order;
    }

    private static Set<MessageType> writes(String engine) {
        return WRITES.getOrDefault(engine, EnumSet.noneOf(MessageType.class));
    }

    /** The engines among {@code rows} that read what {@code producer} writes. */
    static List<String> feeds(EngineWiring producer, List<EngineWiring> rows) {
        Set<MessageType> writes = writes(producer.name());
        List<String> consumers = new ArrayList<>();
        for (EngineWiring consumer : rows) {
            boolean readsType = consumer.types().stream().anyMatch(writes::contains);
            if (readsType && topicsMeet(producer.publications(), consumer.subscriptions())) {
                consumers.add(consumer.name());
            }
        }
        return consumers;
    }

    /** Whether a topic one of {@code publications} stands for is matched by one of {@code subscriptions}. */
    private static boolean topicsMeet(List<String> publications, List<String> subscriptions) {
        for (String publication : publications) {
            String sample = publication.replace("*", "x").replace("?", "x");
            for (String subscription : subscriptions) {
                if (TopicPattern.compile(subscription).matches(sample)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package dev.nautilus.engines.portfolio;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.host.StatefulEngine;
import dev.nautilus.engines.risk.PreTradeRiskCheck;
import dev.nautilus.engines.risk.RiskDecision;
import dev.nautilus.engines.strategy.StrategySignal;
import dev.nautilus.engines.topics.PortfolioTopics;
import io.micrometer.core.instrument.Counter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Portfolio engine (8900): executes one strategy's signals on paper (fees, slippage) after the
 * pre-trade risk check, keeps positions, cash and P&amp;L. Per signal message it marks the
 * instrument at the signal's price and publishes the account on {@code portfolio.update.<account>};
 * each fill goes out as {@code TRADE_EXECUTION} on {@code position.change.<instrument>} (MarketData bus).
 *
 * <p>Execution is at the price carried by the signal (the bar close it was decided at, plus
 * slippage), not at whatever trade last reached this engine: the latter would make P&amp;L depend on
 * how two buses interleave. The pre-trade check runs here, inline, because a check that could
 * answer after the fill would not be pre-trade.
 *
 * <p>Its state (the portfolio, the published marks, the rejections, the last update's time) is
 * snapshotted by the host where a store is configured, so a restarted Portfolio continues with the
 * same positions, cash and P&amp;L.
 */
public final class PortfolioEngine implements StatefulEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioEngine.class);

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.PORTFOLIO);
    private final String account;
    private final String tradedStrategy;
    private Portfolio portfolio;
    private final PaperExecutor executor;
    private final PreTradeRiskCheck riskCheck;
    private final Map<String, BigDecimal> marks = new TreeMap<>();
    private long rejections;
    private volatile PortfolioUpdate last;
    private PatientPublisher endpoint;
    private Counter fills;

    /**
     * @param account        account name, a topic segment
     * @param tradedStrategy the strategy whose signals are executed
     * @param initialCash    starting cash
     * @param executor       paper execution (fees, slippage)
     * @param riskCheck      pre-trade limits
     */
    public PortfolioEngine(
            String account,
            String tradedStrategy,
            BigDecimal initialCash,
            PaperExecutor executor,
            PreTradeRiskCheck riskCheck) {
        this.account = account;
        this.tradedStrategy = tradedStrategy;
        this.portfolio = new Portfolio(initialCash);
        this.executor = executor;
        this.riskCheck = riskCheck;
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        endpoint = context.publisher();
        fills = Counter.builder("nautilus.portfolio.fills")
                .description("Fills applied to the portfolio")
                .tag("engine", name())
                .register(context.meters());
    }

    @Override
    public void onMessage(Message message) {
        StrategySignal signal = message.payloadAs(StrategySignal.class);
        if (!signal.strategy().equals(tradedStrategy)) {
            return;
        }
        String instrument = signal.instrument();
        portfolio.mark(instrument, signal.price());
        if (signal.changed()) {
            RiskDecision decision = riskCheck.check(
                    instrument,
                    portfolio.position(instrument).quantity().doubleValue(),
                    signal.targetQuantity().doubleValue(),
                    signal.price(),
                    portfolio.equity().doubleValue());
            if (decision instanceof RiskDecision.Rejected rejected) {
                rejections++;
                LOG.info(
                        "signal refused by pre-trade risk instrument={} target={} limit={} reason={}",
                        instrument,
                        signal.targetQuantity(),
                        rejected.limit(),
                        rejected.reason());
            } else {
                executor.execute(signal.toSignal(), signal.price(), portfolio).ifPresent(fill -> {
                    fills.increment();
                    endpoint.publish(MessageType.TRADE_EXECUTION, PortfolioTopics.positionChange(instrument), fill);
                });
            }
        }
        marks.put(instrument, portfolio.markOf(instrument));
        PortfolioUpdate update = update(signal.timestampMicros());
        last = update;
        endpoint.publish(MessageType.PORTFOLIO_UPDATE, PortfolioTopics.update(account), update);
    }

    private PortfolioUpdate update(long timestampMicros) {
        Map<String, BigDecimal> positions = new HashMap<>();
        portfolio.openPositions().forEach(p -> positions.put(p.instrument(), p.quantity()));
        return new PortfolioUpdate(
                account,
                timestampMicros,
                portfolio.cash(),
                portfolio.equity(),
                portfolio.realised(),
                portfolio.unrealised(),
                portfolio.fees(),
                portfolio.fillCount(),
                rejections,
                positions,
                marks);
    }

    /**
     * What a Portfolio engine keeps across restarts.
     *
     * @param account         the account it books
     * @param portfolio       the portfolio, exact
     * @param marks           the marks it published, by instrument
     * @param rejections      signals the pre-trade check refused
     * @param lastUpdateMicros the last update's time, or -1 before the first
     */
    record State(
            String account,
            Portfolio.State portfolio,
            Map<String, String> marks,
            long rejections,
            long lastUpdateMicros) {}

    @Override
    public String saveState() {
        Map<String, String> published = new TreeMap<>();
        marks.forEach((instrument, mark) -> published.put(instrument, mark.toString()));
        PortfolioUpdate update = last;
        return Json.write(new State(
                account, portfolio.state(), published, rejections, update == null ? -1 : update.timestampMicros()));
    }

    @Override
    public void restoreState(String text) {
        State state = Json.read(text, State.class);
        if (!account.equals(state.account())) {
            throw new IllegalArgumentException(
                    "the state is account " + state.account() + "'s, this engine books " + account);
        }
        portfolio = Portfolio.restore(state.portfolio());
        marks.clear();
        state.marks().forEach((instrument, mark) -> marks.put(instrument, new BigDecimal(mark)));
        rejections = state.rejections();
        last = state.lastUpdateMicros() < 0 ? null : update(state.lastUpdateMicros());
    }

    /** The latest published account, or {@code null} before the first. */
    public PortfolioUpdate lastUpdate() {
        return last;
    }
}

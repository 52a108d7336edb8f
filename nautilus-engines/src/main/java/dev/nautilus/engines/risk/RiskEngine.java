package dev.nautilus.engines.risk;

import dev.nautilus.bus.Json;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.host.StatefulEngine;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.topics.RiskTopics;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Risk engine (8200): from each portfolio update, drawdown, VaR and Expected Shortfall
 * (historical and parametric) over a rolling window of per-update equity returns, published on
 * {@code risk.metric.<account>}; a drawdown alert ({@code risk.alert.drawdown}, HIGH) once per
 * episode beyond the limit; and {@code risk.alert.flash_crash} with priority {@code FLASH_CRASH}
 * when a marked price falls more than the threshold within the window. Pre-trade limits are
 * applied inline by the Portfolio engine with {@link PreTradeRiskCheck}.
 */
public final class RiskEngine implements StatefulEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RiskEngine.class);
    private static final int MIN_SAMPLE = 30;

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.RISK);
    private final double maxDrawdown;
    private DrawdownTracker drawdown = new DrawdownTracker();
    private final FlashCrashDetector crashes;
    private final ReturnWindow returns;
    private double lastEquity = Double.NaN;
    private boolean drawdownAlerted;
    private volatile RiskMetrics last;
    private PatientPublisher endpoint;

    /**
     * @param window      equity returns kept for VaR/ES
     * @param maxDrawdown drawdown that raises an alert, in (0, 1)
     * @param crashes     flash-crash detector (window and threshold)
     */
    public RiskEngine(int window, double maxDrawdown, FlashCrashDetector crashes) {
        this.returns = new ReturnWindow(window);
        this.maxDrawdown = maxDrawdown;
        this.crashes = crashes;
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        endpoint = context.publisher();
    }

    @Override
    public void onMessage(Message message) {
        PortfolioUpdate update = message.payloadAs(PortfolioUpdate.class);
        long at = update.timestampMicros();
        for (Map.Entry<String, BigDecimal> mark : update.marks().entrySet()) {
            crashes.onPrice(mark.getKey(), at, mark.getValue().doubleValue()).ifPresent(alert -> {
                LOG.warn(
                        "flash crash instrument={} drop={} windowHigh={} price={}",
                        alert.instrument(),
                        alert.drop(),
                        alert.windowHigh(),
                        alert.price());
                endpoint.publish(MessageType.RISK_METRIC, RiskTopics.FLASH_CRASH_ALERT, alert, Priority.FLASH_CRASH);
            });
        }
        double equity = update.equity().doubleValue();
        if (equity <= 0) {
            return; // a drawdown of a non-positive equity means nothing; collateral handles the margin call
        }
        Drawdown dd = drawdown.update(at, equity);
        if (dd.current() >= maxDrawdown && !drawdownAlerted) {
            drawdownAlerted = true;
            endpoint.publish(
                    MessageType.RISK_METRIC,
                    RiskTopics.DRAWDOWN_ALERT,
                    new RiskAlert(
                            "drawdown",
                            update.account(),
                            at,
                            dd.current(),
                            maxDrawdown,
                            "drawdown " + dd.current() + " beyond limit " + maxDrawdown),
                    Priority.HIGH);
        } else if (dd.current() < maxDrawdown) {
            drawdownAlerted = false;
        }
        if (!Double.isNaN(lastEquity)) {
            returns.add(equity / lastEquity - 1);
        }
        lastEquity = equity;
        Double hv = null;
        Double he = null;
        Double pv = null;
        Double pe = null;
        if (returns.size() >= MIN_SAMPLE) {
            // only the two figures published are computed, the historical one from the window's sorted losses
            RiskEstimate historical95 =
                    ValueAtRisk.historicalOfSortedLosses(returns.sortedLosses(), returns.size(), 0.95);
            RiskEstimate parametric99 = ValueAtRisk.parametric(returns.returns(), 0.99);
            hv = historical95.valueAtRisk();
            he = historical95.expectedShortfall();
            pv = parametric99.valueAtRisk();
            pe = parametric99.expectedShortfall();
        }
        RiskMetrics metrics = new RiskMetrics(
                update.account(), at, equity, dd.current(), dd.maximum(), hv, he, pv, pe, returns.size());
        last = metrics;
        endpoint.publish(MessageType.RISK_METRIC, RiskTopics.metric(update.account()), metrics);
    }

    /**
     * What a Risk engine keeps across restarts.
     *
     * @param drawdown        the drawdown tracker
     * @param crashes         the flash-crash windows, by instrument
     * @param returns         the equity returns in the VaR window, oldest first
     * @param lastEquity      the latest equity, or {@code null} before the first
     * @param drawdownAlerted whether the drawdown alert was raised and not cleared
     * @param last            the latest metrics, or {@code null}
     */
    record State(
            DrawdownTracker.State drawdown,
            Map<String, FlashCrashDetector.Window> crashes,
            List<Double> returns,
            Double lastEquity,
            boolean drawdownAlerted,
            RiskMetrics last) {}

    @Override
    public String saveState() {
        return Json.write(new State(
                drawdown.state(),
                crashes.state(),
                Arrays.stream(returns.returns()).boxed().toList(),
                Double.isNaN(lastEquity) ? null : lastEquity,
                drawdownAlerted,
                last));
    }

    @Override
    public void restoreState(String text) {
        State state = Json.read(text, State.class);
        drawdown = DrawdownTracker.restore(state.drawdown());
        crashes.restore(state.crashes());
        returns.clear();
        state.returns().forEach(returns::add);
        lastEquity = state.lastEquity() == null ? Double.NaN : state.lastEquity();
        drawdownAlerted = state.drawdownAlerted();
        last = state.last();
    }

    /** The latest metrics, or {@code null}. */
    public RiskMetrics lastMetrics() {
        return last;
    }
}

package dev.nautilus.engines.collateral;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.topics.CollateralTopics;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Collateral engine (9000): initial and maintenance margin and utilisation from each portfolio
 * update ({@code collateral.margin.<account>}); a margin call goes out {@code URGENT} on
 * {@code margin.alert.<account>}, once per episode below maintenance.
 */
public final class CollateralEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger(CollateralEngine.class);

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.COLLATERAL);
    private final MarginCalculator calculator;
    private boolean called;
    private volatile CollateralUpdate last;
    private PatientPublisher endpoint;
    private Counter calls;

    /** @param calculator margin rates */
    public CollateralEngine(MarginCalculator calculator) {
        this.calculator = calculator;
    }

    @Override
    public EngineWiring wiring() {
        return wiring;
    }

    @Override
    public void onStart(EngineContext context) {
        endpoint = context.publisher();
        calls = Counter.builder("nautilus.collateral.margin_calls")
                .description("Margin calls issued")
                .tag("engine", name())
                .register(context.meters());
    }

    @Override
    public void onMessage(Message message) {
        PortfolioUpdate update = message.payloadAs(PortfolioUpdate.class);
        MarginStatus status =
                calculator.assess(update.timestampMicros(), update.positions(), update.marks(), update.equity());
        double utilisation = status.utilisation();
        CollateralUpdate out = new CollateralUpdate(
                update.account(),
                update.timestampMicros(),
                status.equity(),
                status.initialMargin(),
                status.maintenanceMargin(),
                Double.isFinite(utilisation) ? utilisation : null,
                status.belowMaintenance());
        last = out;
        endpoint.publish(MessageType.COLLATERAL_UPDATE, CollateralTopics.margin(update.account()), out);
        var call = calculator.marginCall(status);
        if (call.isPresent() && !called) {
            called = true;
            calls.increment();
            LOG.warn(
                    "margin call account={} equity={} due={}",
                    update.account(),
                    call.get().equity(),
                    call.get().amountDue());
            endpoint.publish(
                    MessageType.COLLATERAL_UPDATE,
                    CollateralTopics.marginAlert(update.account()),
                    call.get(),
                    Priority.URGENT);
        } else if (call.isEmpty()) {
            called = false;
        }
    }

    /** The latest published margin, or {@code null}. */
    public CollateralUpdate lastUpdate() {
        return last;
    }
}

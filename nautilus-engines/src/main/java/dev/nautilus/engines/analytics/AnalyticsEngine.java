package dev.nautilus.engines.analytics;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import dev.nautilus.engines.host.PatientPublisher;
import dev.nautilus.engines.portfolio.PortfolioUpdate;
import dev.nautilus.engines.topics.AnalyticsTopics;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Analytics engine (8100): per account, the performance after every portfolio update on
 * {@code analytics.result.summary.<account>}, and each completed calendar period's return on
 * {@code analytics.result.period.<account>} (both {@code ANALYTICS_RESULT}). It reads portfolio updates
 * only, one ordered stream, so its results are the same whatever the transport's timing.
 */
public final class AnalyticsEngine implements Engine {

    private final EngineWiring wiring = EngineMatrix.of(EngineMatrix.ANALYTICS);
    private final AnalyticsConfig config;
    private final Map<String, PerformanceTracker> accounts = new TreeMap<>();
    private volatile PerformanceSummary last;
    private PatientPublisher endpoint;

    /** @param config annualisation and calendar period */
    public AnalyticsEngine(AnalyticsConfig config) {
        this.config = config;
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
        String account = update.account();
        PerformanceTracker.Step step = accounts.computeIfAbsent(account, a -> new PerformanceTracker(a, config))
                .update(update);
        step.completedPeriod()
                .ifPresent(p -> endpoint.publish(MessageType.ANALYTICS_RESULT, AnalyticsTopics.period(account), p));
        last = step.summary();
        endpoint.publish(MessageType.ANALYTICS_RESULT, AnalyticsTopics.summary(account), step.summary());
    }

    /** The latest summary of any account, or {@code null} before the first update. */
    public PerformanceSummary lastSummary() {
        return last;
    }
}

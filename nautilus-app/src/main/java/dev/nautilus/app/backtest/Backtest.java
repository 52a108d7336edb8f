package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.PipelineRun;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.memory.InMemoryTransport;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** One backtest: the source through the whole pipeline on fresh in-memory buses, as fast as possible. */
public final class Backtest {

    /** Longest a single run may take before it is declared stuck. */
    public static final Duration TIMEOUT = Duration.ofMinutes(10);

    private Backtest() {}

    /**
     * Runs it.
     *
     * @throws TimeoutException when the pipeline's results stop arriving
     */
    public static Timed run(BacktestSource source, PipelineSettings settings, ProgressObserver progress)
            throws TimeoutException, InterruptedException {
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            PipelineRun.Outcome outcome = PipelineRun.run(bus, source.feed(), settings, 0, false, TIMEOUT, progress);
            return new Timed(BacktestReport.of(source, settings, outcome), outcome.seconds());
        }
    }

    /**
     * A report and how long the run took (kept out of the report: it is not a result).
     *
     * @param report  the deterministic report
     * @param seconds wall time from the first event fed to the last result received
     */
    public record Timed(BacktestReport report, double seconds) {

        /** Events fed per second of wall time. */
        public double eventsPerSecond() {
            return report.events() / seconds;
        }
    }
}

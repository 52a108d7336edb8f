package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import dev.nautilus.engines.backtesting.BacktestReply;
import dev.nautilus.engines.backtesting.BacktestRequest;
import dev.nautilus.engines.backtesting.Backtester;

/** What the Backtesting engine (8110) runs for a request: the same backtest as {@code nautilus backtest}, default parameters otherwise. */
public final class BacktestOnRequest implements Backtester {

    @Override
    public BacktestReply run(BacktestRequest request) throws Exception {
        BacktestSource source = BacktestSource.parse(request.data(), 0);
        PipelineSettings settings = PipelineSettings.defaults()
                .withAnalytics(source.analytics())
                .withPeriods(request.fast(), request.slow());
        BacktestReport report =
                Backtest.run(source, settings, ProgressObserver.NONE).report();
        return new BacktestReply(request, null, report.events(), report.bars(), report.fills(), report.performance());
    }
}

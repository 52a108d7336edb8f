package dev.nautilus.engines.backtesting;

/** Runs one backtest; implemented where pipelines are built (the composition root). */
@FunctionalInterface
public interface Backtester {

    /**
     * Runs the request to completion.
     *
     * @throws IllegalArgumentException for a request that cannot run (unknown data, bad periods)
     * @throws Exception                when the run itself fails
     */
    BacktestReply run(BacktestRequest request) throws Exception;
}

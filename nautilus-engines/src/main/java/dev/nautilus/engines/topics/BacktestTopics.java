package dev.nautilus.engines.topics;

/** Topics of the Backtesting engine: requests it answers on each requester's reply topic. */
public final class BacktestTopics {

    /** Requests to run a backtest, keyed by the data set, e.g. {@code aapl}. */
    public static final TopicFamily REQUESTS = new TopicFamily("backtest.request.");

    private BacktestTopics() {}

    /** The topic to request a backtest of a data set on. */
    public static String request(String data) {
        return REQUESTS.topic(data);
    }
}

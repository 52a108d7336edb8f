package dev.nautilus.engines.features;

import dev.nautilus.engines.marketdata.Trade;
import java.util.Objects;

/**
 * Every feature of one instrument, updated together from its trades in O(1) amortised time.
 * Price-series features (returns, volatility, SMA, EMA, RSI) use each trade's price; feed bar
 * closes as trades (one per bar) to get bar-based indicators instead.
 */
public final class InstrumentFeatures {

    private final String instrument;
    private final PriceReturns returns = new PriceReturns();
    private final RollingStatistics volatility;
    private final SimpleMovingAverage sma;
    private final ExponentialMovingAverage ema;
    private final RelativeStrengthIndex rsi;
    private final CumulativeVwap vwap = new CumulativeVwap();
    private final RollingVwap rollingVwap;
    private final TradeFlowImbalance flow;

    /** Creates the features of {@code instrument} with the windows of {@code config}. */
    public InstrumentFeatures(String instrument, FeatureConfig config) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.volatility = new RollingStatistics(config.volatilityWindow());
        this.sma = new SimpleMovingAverage(config.smaPeriod());
        this.ema = new ExponentialMovingAverage(config.emaPeriod());
        this.rsi = new RelativeStrengthIndex(config.rsiPeriod());
        this.rollingVwap = new RollingVwap(config.vwapWindowMicros());
        this.flow = new TradeFlowImbalance(config.flowWindowMicros());
    }

    /**
     * Updates every feature with {@code trade} and returns the new values.
     *
     * @throws IllegalArgumentException if the trade belongs to another instrument or is invalid
     */
    public FeatureSnapshot update(Trade trade) {
        if (!instrument.equals(trade.instrument())) {
            throw new IllegalArgumentException("trade.instrument " + trade.instrument() + " is not " + instrument);
        }
        TradeInputs.require(trade.price(), trade.size());
        double p = trade.price();
        returns.update(p);
        if (returns.isReady()) {
            volatility.add(returns.logReturn());
        }
        return new FeatureSnapshot(
                instrument,
                trade.timestampMicros(),
                p,
                returns.simpleReturn(),
                returns.logReturn(),
                volatility.isFull() ? volatility.sampleStdDev() : Double.NaN,
                sma.update(p),
                ema.update(p),
                rsi.update(p),
                vwap.update(p, trade.size()),
                rollingVwap.update(trade.timestampMicros(), p, trade.size()),
                flow.update(trade),
                flow.signedVolume());
    }

    /** Every feature's state, exact (see {@link #restore}). */
    public State state() {
        return new State(
                returns.state(),
                volatility.state(),
                sma.state(),
                ema.state(),
                rsi.state(),
                vwap.state(),
                rollingVwap.state(),
                flow.state());
    }

    /**
     * Continues from {@code state}, as {@link #state} gave it for the same configuration.
     *
     * @throws IllegalArgumentException when a window of the state does not fit the configuration
     */
    public void restore(State state) {
        volatility.restore(state.volatility());
        sma.restore(state.sma());
        returns.restore(state.returns());
        ema.restore(state.ema());
        rsi.restore(state.rsi());
        vwap.restore(state.vwap());
        rollingVwap.restore(state.rollingVwap());
        flow.restore(state.flow());
    }

    /** One instrument's features: returns, the volatility and SMA windows, EMA, RSI, both VWAPs and the flow. */
    public record State(
            PriceReturns.State returns,
            RollingStatistics.State volatility,
            RollingStatistics.State sma,
            ExponentialMovingAverage.State ema,
            RelativeStrengthIndex.State rsi,
            CumulativeVwap.State vwap,
            RollingVwap.State rollingVwap,
            TradeFlowImbalance.State flow) {}
}

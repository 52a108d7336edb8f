package dev.nautilus.app.engines;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.Trade;
import java.util.List;

/** What a pipeline run feeds the MarketData hub: trades (the hub builds one-minute bars) or finished bars. */
public sealed interface MarketFeed {

    /** Events fed: trades or bars. */
    int size();

    /** Trades, in time order per instrument. */
    record Trades(List<Trade> trades) implements MarketFeed {
        public Trades {
            trades = List.copyOf(trades);
        }

        @Override
        public int size() {
            return trades.size();
        }
    }

    /** Finished bars (e.g. daily bars of a file), in time order per instrument. */
    record Bars(List<Bar> bars) implements MarketFeed {
        public Bars {
            bars = List.copyOf(bars);
        }

        @Override
        public int size() {
            return bars.size();
        }
    }
}

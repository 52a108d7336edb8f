package dev.nautilus.engines.marketdata;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.topics.MarketDataTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded random-walk feed of two instruments' trades, with their closed time bars, for restore tests. */
public final class SyntheticTrades {

    private SyntheticTrades() {}

    /** {@code count} trades alternating irregularly between BTCUSD and ETHUSD, prices drifting and jumping. */
    public static List<Trade> trades(int count, long seed) {
        Random random = new Random(seed);
        double[] price = {120, 35};
        long now = 1_700_000_000_000_000L;
        List<Trade> trades = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = random.nextInt(3) == 0 ? 1 : 0;
            now += 1 + random.nextInt(400_000);
            price[k] = Math.max(1, price[k] * (1 + 0.002 * random.nextGaussian() + (i % 500 == 499 ? 0.03 : 0)));
            double size = 0.1 + random.nextInt(40) * 0.37;
            Side side = random.nextInt(4) == 0 ? Side.UNKNOWN : random.nextBoolean() ? Side.BUY : Side.SELL;
            trades.add(new Trade(k == 0 ? "BTCUSD" : "ETHUSD", now, price[k], size, side));
        }
        return trades;
    }

    /** The trades as bus messages, each bar that a trade closes (at {@code barMicros}) published right after it. */
    public static List<Message> messages(List<Trade> trades, long barMicros) {
        TimeBarAggregator bars = new TimeBarAggregator(barMicros);
        List<Message> messages = new ArrayList<>();
        for (Trade trade : trades) {
            messages.add(Message.builder(MessageType.MARKET_DATA, MarketDataTopics.trade(trade.instrument()))
                    .source("market_data")
                    .payload(trade)
                    .build());
            bars.onTrade(trade)
                    .ifPresent(bar -> messages.add(
                            Message.builder(MessageType.MARKET_DATA, MarketDataTopics.bar(bar.instrument()))
                                    .source("market_data")
                                    .payload(bar)
                                    .build()));
        }
        return messages;
    }
}

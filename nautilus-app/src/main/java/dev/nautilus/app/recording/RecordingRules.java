package dev.nautilus.app.recording;

import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.recorder.RecordingRule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code up} keeps in the store: the bridge between engine payloads and store rows, which is
 * why it lives in the composition root (the store knows no engine, the engines know no store).
 */
public final class RecordingRules {

    private RecordingRules() {}

    /** The rules {@code up} records with: the hub's trades. */
    public static List<RecordingRule> defaults() {
        return List.of(trades());
    }

    /**
     * Trades from {@code market_data.trade.*}. The recorded feeds carry no venue trade id, so the id
     * is the trade's time in microseconds times 1,000 plus its rank among trades of the same
     * microsecond, in arrival order: unique per symbol and ordering like the feed.
     */
    static RecordingRule trades() {
        Map<String, long[]> lastByInstrument = new HashMap<>();
        return new RecordingRule("trades", MarketDataTopics.ALL_TRADES, Set.of(MessageType.MARKET_DATA), message -> {
            Trade trade = message.payloadAs(Trade.class);
            long[] last = lastByInstrument.computeIfAbsent(trade.instrument(), k -> new long[] {Long.MIN_VALUE, 0});
            last[1] = last[0] == trade.timestampMicros() ? last[1] + 1 : 0;
            last[0] = trade.timestampMicros();
            return List.of(new TradeRow(
                    Instant.EPOCH.plus(trade.timestampMicros(), ChronoUnit.MICROS),
                    trade.instrument(),
                    trade.timestampMicros() * 1_000 + last[1],
                    trade.price(),
                    trade.size(),
                    SideCode.valueOf(trade.side().name())));
        });
    }
}

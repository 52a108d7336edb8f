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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code up} keeps in the store: the bridge between engine payloads and store rows, which is
 * why it lives in the composition root (the store knows no engine, the engines know no store).
 */
public final class RecordingRules {

    /** Message ids whose trade id the trade rule remembers (covers what can be in flight several times over). */
    static final int REMEMBERED = 100_000;
    /** Microseconds per symbol whose rank the trade rule remembers (how far out of order trades may arrive). */
    private static final int MICROSECONDS_REMEMBERED = 10_000;

    private RecordingRules() {}

    /** The rules {@code up} records with: the hub's trades. */
    public static List<RecordingRule> defaults() {
        return List.of(trades());
    }

    /**
     * Trades from {@code market_data.trade.*}. The recorded feeds carry no venue trade id, so the id
     * is the trade's time in microseconds times 1,000 plus its rank among the trades of that symbol
     * and microsecond the recorder has seen: unique per symbol, whatever order the recorder's
     * consumers receive them in. A message delivered again gets the id it got the first time (the
     * rule remembers the last {@value #REMEMBERED} message ids), so the store skips it. The rule
     * keeps state: the recorder calls mappers one message at a time.
     */
    static RecordingRule trades() {
        Map<String, Long> tradeIdByMessage = bounded(REMEMBERED);
        Map<String, Map<Long, Integer>> ranksByInstrument = new HashMap<>();
        return new RecordingRule("trades", MarketDataTopics.ALL_TRADES, Set.of(MessageType.MARKET_DATA), message -> {
            Trade trade = message.payloadAs(Trade.class);
            long tradeId = tradeIdByMessage.computeIfAbsent(message.id(), id -> {
                Map<Long, Integer> ranks =
                        ranksByInstrument.computeIfAbsent(trade.instrument(), k -> bounded(MICROSECONDS_REMEMBERED));
                int rank = ranks.merge(trade.timestampMicros(), 1, Integer::sum) - 1;
                return trade.timestampMicros() * 1_000 + rank;
            });
            return List.of(new TradeRow(
                    Instant.EPOCH.plus(trade.timestampMicros(), ChronoUnit.MICROS),
                    trade.instrument(),
                    tradeId,
                    trade.price(),
                    trade.size(),
                    SideCode.valueOf(trade.side().name())));
        });
    }

    /** An insertion-ordered map that forgets its eldest entry beyond {@code capacity}. */
    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}

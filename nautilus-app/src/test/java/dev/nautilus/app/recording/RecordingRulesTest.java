package dev.nautilus.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.recorder.RecordingRule;
import org.junit.jupiter.api.Test;

/** The trade rule's ids: unique whatever the arrival order, the same for a message delivered again. */
class RecordingRulesTest {

    private static Message trade(long micros) {
        return Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                .source("marketdata")
                .payload(Trade.of("BTCUSD", micros, 100, 1))
                .build();
    }

    private static long tradeId(RecordingRule rule, Message message) {
        return ((TradeRow) rule.mapper().apply(message).getFirst()).tradeId();
    }

    @Test
    void tradesOfOneMicrosecondGetDistinctIdsEvenOutOfOrderAndARedeliveryKeepsItsId() {
        RecordingRule rule = RecordingRules.trades();
        Message a = trade(5);
        Message b = trade(6);
        Message c = trade(5); // same microsecond as a, arriving after another one
        long idA = tradeId(rule, a);
        long idB = tradeId(rule, b);
        long idC = tradeId(rule, c);
        assertThat(idA).isEqualTo(5_000);
        assertThat(idB).isEqualTo(6_000);
        assertThat(idC).isEqualTo(5_001);
        assertThat(tradeId(rule, a)).isEqualTo(idA);
        assertThat(tradeId(rule, c)).isEqualTo(idC);
    }
}

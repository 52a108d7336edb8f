package dev.nautilus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CausationTest {

    private static final Message INPUT = Message.builder(MessageType.PRICE_UPDATE, "market_data.price.BTCUSD")
            .source("hub")
            .payload(1.0)
            .build();

    private static List<String> outputIds(String handler, Message input, int outputs) {
        List<String> ids = new ArrayList<>();
        Causation.run(handler, input, () -> {
            for (int i = 0; i < outputs; i++) {
                ids.add(Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.test")
                        .source(handler)
                        .payload(i)
                        .build()
                        .id());
            }
        });
        return ids;
    }

    @Test
    void handlingTheSameInputAgainPublishesTheSameIds() {
        List<String> first = outputIds("strategy", INPUT, 3);
        List<String> again = outputIds("strategy", INPUT, 3);

        assertThat(again).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
        assertThat(first.getFirst().getBytes()).hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void anotherEngineOrAnotherInputGetsOtherIds() {
        Message other = Message.builder(MessageType.PRICE_UPDATE, "market_data.price.BTCUSD")
                .source("hub")
                .payload(1.0)
                .build();

        assertThat(outputIds("risk", INPUT, 2)).doesNotContainAnyElementsOf(outputIds("strategy", INPUT, 2));
        assertThat(outputIds("strategy", other, 2)).doesNotContainAnyElementsOf(outputIds("strategy", INPUT, 2));
    }

    @Test
    void outsideHandlingAndWithAnExplicitIdNothingIsDerived() {
        Message fresh = Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.test")
                .source("timer")
                .payload(0)
                .build();
        List<String> explicit = new ArrayList<>();
        Causation.run(
                "strategy",
                INPUT,
                () -> explicit.add(Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.test")
                        .id("given-id")
                        .source("strategy")
                        .payload(0)
                        .build()
                        .id()));

        assertThat(fresh.id()).isNotIn(outputIds("strategy", INPUT, 1));
        assertThat(explicit).containsExactly("given-id");
        assertThat(outputIds("strategy", INPUT, 1)).isEqualTo(outputIds("strategy", INPUT, 1));
    }

    @Test
    void aNestedHandlingRestoresTheOuterOne() {
        List<String> ids = new ArrayList<>();
        Causation.run("strategy", INPUT, () -> {
            Causation.run("inner", INPUT, () -> {});
            ids.add(Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.test")
                    .source("strategy")
                    .payload(0)
                    .build()
                    .id());
        });

        assertThat(ids).isEqualTo(outputIds("strategy", INPUT, 1));
    }
}

package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An input handled again after a crash (redelivered before its acknowledgement, to a process whose
 * seen-id window started empty) publishes outputs with the same ids, so the next engine down the
 * line drops them instead of applying them twice.
 */
class RehandledOutputsTest {

    /** Publishes two outputs per input, built as engines build them, into a list. */
    private static final class Republisher implements Engine {
        final List<Message> outputs = new ArrayList<>();

        @Override
        public EngineWiring wiring() {
            return new EngineWiring(
                    "republisher", "Republisher", 0, List.of("test.in"), Set.of(MessageType.MARKET_DATA), List.of());
        }

        @Override
        public void onStart(EngineContext context) {}

        @Override
        public void onMessage(Message message) {
            for (int i = 0; i < 2; i++) {
                outputs.add(Message.builder(MessageType.STRATEGY_SIGNAL, "test.out")
                        .source("republisher")
                        .payload(i)
                        .build());
            }
        }
    }

    /** Counts what it applied. */
    private static final class Downstream implements Engine {
        final List<String> applied = new ArrayList<>();

        @Override
        public EngineWiring wiring() {
            return new EngineWiring(
                    "downstream", "Downstream", 0, List.of("test.out"), Set.of(MessageType.STRATEGY_SIGNAL), List.of());
        }

        @Override
        public void onStart(EngineContext context) {}

        @Override
        public void onMessage(Message message) {
            applied.add(message.id());
        }
    }

    @Test
    void outputsOfARehandledInputAreDroppedDownstream() {
        Message input = Message.builder(MessageType.MARKET_DATA, "test.in")
                .source("hub")
                .payload(1)
                .build();
        Republisher beforeCrash = new Republisher();
        Republisher afterRestart = new Republisher();
        new EngineRuntime(beforeCrash, new SimpleMeterRegistry()).handle(input);
        new EngineRuntime(afterRestart, new SimpleMeterRegistry()).handle(input);

        assertThat(afterRestart.outputs)
                .extracting(Message::id)
                .isEqualTo(beforeCrash.outputs.stream().map(Message::id).toList());

        Downstream downstream = new Downstream();
        EngineRuntime next = new EngineRuntime(downstream, new SimpleMeterRegistry());
        beforeCrash.outputs.forEach(next::handle);
        afterRestart.outputs.forEach(next::handle);
        assertThat(downstream.applied).hasSize(2).doesNotHaveDuplicates();
        assertThat(next.duplicatesDropped()).isEqualTo(2);
    }
}

package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.PublishFence;
import dev.nautilus.bus.memory.InMemoryTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An engine whose outputs are refused because the partition it handled for changed hands mid-way:
 * the bus refuses the publish, and the engine, whose state took the input, remembers it, so that
 * the same input replayed when it takes the partition back is not applied twice.
 */
class FencedOutputsTest {

    /** Applies each input to a count, then publishes an output for it. */
    private static final class Counting implements Engine {
        final MessageBus bus;
        int applied;

        Counting(MessageBus bus) {
            this.bus = bus;
        }

        @Override
        public EngineWiring wiring() {
            return new EngineWiring(
                    "counting", "Counting", 0, List.of("test.in"), Set.of(MessageType.MARKET_DATA), List.of());
        }

        @Override
        public void onStart(EngineContext context) {}

        @Override
        public void onMessage(Message message) {
            applied++;
            bus.publish(Message.builder(MessageType.STRATEGY_SIGNAL, "test.out")
                    .source("counting")
                    .payload(applied)
                    .build());
        }
    }

    /** A partition's lease, held or not. */
    private record Lease(boolean held) implements PublishFence.Claim {
        @Override
        public String describe() {
            return "partition 3 of group counting at epoch 7 is no longer held by counting-1";
        }
    }

    @Test
    void anInputWhoseOutputsWereRefusedIsNotAppliedAgainWhenReplayed() throws Exception {
        Message input = Message.builder(MessageType.MARKET_DATA, "test.in")
                .source("hub")
                .payload(1)
                .build();
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            Counting engine = new Counting(bus);
            EngineRuntime runtime = new EngineRuntime(engine, new SimpleMeterRegistry());

            assertThatThrownBy(() -> PublishFence.run(new Lease(false), () -> runtime.handle(input)))
                    .isInstanceOf(PublishFence.FencedOffException.class)
                    .hasMessageContaining("not publishing test.out")
                    .hasMessageContaining("partition 3 of group counting at epoch 7");
            PublishFence.run(new Lease(true), () -> runtime.handle(input));

            assertThat(engine.applied).as("inputs applied to the state").isEqualTo(1);
            assertThat(runtime.duplicatesDropped()).isEqualTo(1);
        }
    }

    @Test
    void aHeldClaimLetsEveryOutputThrough() throws Exception {
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            Counting engine = new Counting(bus);
            EngineRuntime runtime = new EngineRuntime(engine, new SimpleMeterRegistry());
            for (int i = 0; i < 3; i++) {
                Message input = Message.builder(MessageType.MARKET_DATA, "test.in")
                        .source("hub")
                        .payload(i)
                        .build();
                PublishFence.run(new Lease(true), () -> runtime.handle(input));
            }
            assertThat(engine.applied).isEqualTo(3);
            assertThat(runtime.handledCount()).isEqualTo(3);
        }
    }
}

package dev.nautilus.bus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.SubscriptionSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Parked consumers are woken by the publish that follows, once per park: the wake is not left to
 * the park's 100 ms timeout, also when every consumer of a group is parked and messages come in a
 * burst (only the first publish of the burst unparks; the rest find the wake already sent).
 */
class InMemoryWakeTest {

    @Test
    void aParkedGroupIsWokenByTheNextPublishNotByItsTimeout() throws InterruptedException {
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            AtomicInteger handled = new AtomicInteger();
            for (int c = 0; c < 2; c++) {
                bus.subscribe(
                        new SubscriptionSpec(
                                "wake", "wake-" + c, List.of("market_data.*"), EnumSet.of(MessageType.MARKET_DATA)),
                        m -> handled.incrementAndGet());
            }
            int rounds = 15;
            long waitedNanos = 0;
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(120); // both consumers idle past their spins and yields: parked
                int before = handled.get();
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    bus.publish(InMemoryBackpressureTest.tick(i));
                }
                await().atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(1))
                        .until(() -> handled.get() == before + 100);
                waitedNanos += System.nanoTime() - start;
            }
            // a lost wake costs the rest of the park's 100 ms; woken ones take well under that on average
            assertThat(waitedNanos / rounds / 1_000_000).isLessThan(50);
            assertThat(handled.get()).isEqualTo(rounds * 100);
        }
    }
}

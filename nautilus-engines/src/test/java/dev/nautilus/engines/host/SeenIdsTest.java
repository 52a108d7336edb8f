package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Engines handle a message id once, however often the bus delivers it. */
class SeenIdsTest {

    /** Counts how often its handler ran for each id; can be made to fail once. */
    private static final class CountingEngine implements Engine {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        final AtomicBoolean failNext = new AtomicBoolean();

        @Override
        public EngineWiring wiring() {
            return new EngineWiring(
                    "counting", "Counting", 0, List.of("test.topic"), Set.of(MessageType.MARKET_DATA), List.of());
        }

        @Override
        public void onStart(EngineContext context) {}

        @Override
        public void onMessage(Message message) {
            runs.computeIfAbsent(message.id(), id -> new AtomicInteger()).incrementAndGet();
            if (failNext.compareAndSet(true, false)) {
                throw new IllegalStateException("failing once on purpose");
            }
        }

        int runs(String id) {
            AtomicInteger count = runs.get(id);
            return count == null ? 0 : count.get();
        }
    }

    @Test
    void aRedeliveredMessageIdReachesTheHandlerOnce() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountingEngine engine = new CountingEngine();
        try (MessageBus bus = InMemoryTransport.dualBus();
                EngineHost host = new EngineHost(bus, meters, "1", List.of(engine))) {
            host.start();
            Message first = Message.builder(MessageType.MARKET_DATA, "test.topic")
                    .source("test")
                    .payload(1)
                    .build();
            Message other = Message.builder(MessageType.MARKET_DATA, "test.topic")
                    .source("test")
                    .payload(2)
                    .build();
            bus.publish(first);
            bus.publish(first); // delivered again with the same id: a redelivery
            bus.publish(other);
            bus.publish(first);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> host.runtimes().getFirst().duplicatesDropped() == 2 && engine.runs(other.id()) == 1);
            assertThat(engine.runs(first.id())).isEqualTo(1);
            assertThat(engine.runs(other.id())).isEqualTo(1);
            assertThat(host.runtimes().getFirst().handledCount()).isEqualTo(2);
            assertThat(meters.get("nautilus.engine.duplicates.dropped")
                            .tag("engine", "counting")
                            .counter()
                            .count())
                    .isEqualTo(2.0);
        }
    }

    @Test
    void aFailedAttemptIsNotRememberedSoTheRetryRuns() {
        CountingEngine engine = new CountingEngine();
        engine.failNext.set(true);
        try (MessageBus bus = InMemoryTransport.dualBus();
                EngineHost host = new EngineHost(bus, new SimpleMeterRegistry(), "1", List.of(engine))) {
            host.start();
            Message message = Message.builder(MessageType.MARKET_DATA, "test.topic")
                    .source("test")
                    .payload(1)
                    .build();
            bus.publish(message);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> host.runtimes().getFirst().handledCount() == 1);
            // the failed attempt, then the bus's retry, which the window must let through
            assertThat(engine.runs(message.id())).isEqualTo(2);
            assertThat(host.runtimes().getFirst().duplicatesDropped()).isZero();
        }
    }

    @Test
    void theWindowIsBoundedAndForgetsTheOldestId() {
        SeenIds seen = new SeenIds(3);
        for (String id : List.of("a", "b", "c", "a", "d")) {
            seen.add(id);
        }
        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.contains("a")).isFalse();
        assertThat(seen.contains("b")).isTrue();
        assertThat(seen.contains("d")).isTrue();
        assertThatThrownBy(() -> new SeenIds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forgettingAKeysIdsKeepsTheOthersAndTheirOrder() {
        SeenIds seen = new SeenIds(4);
        seen.add("a", "BTCUSD");
        seen.add("b", "ETHUSD");
        seen.add("c", "BTCUSD");
        seen.add("d");
        seen.forget("BTCUSD"::equals);
        assertThat(seen.contains("a")).isFalse();
        assertThat(seen.contains("c")).isFalse();
        assertThat(seen.newest(10)).containsExactly("b", "d");
        seen.add("a", "BTCUSD");
        seen.add("e", "ETHUSD");
        seen.add("f", "ETHUSD");
        // the window still holds four: b, the oldest, goes first
        assertThat(seen.newest(10)).containsExactly("d", "a", "e", "f");
        assertThat(seen.size()).isEqualTo(4);
    }

    @Test
    void newestGivesTheLatestIdsOldestFirstAcrossTheRingsWrap() {
        SeenIds seen = new SeenIds(4);
        assertThat(seen.newest(3)).isEmpty();
        for (String id : List.of("a", "b", "c")) {
            seen.add(id);
        }
        assertThat(seen.newest(10)).containsExactly("a", "b", "c");
        for (String id : List.of("d", "e", "f")) {
            seen.add(id);
        }
        assertThat(seen.newest(10)).containsExactly("c", "d", "e", "f");
        assertThat(seen.newest(2)).containsExactly("e", "f");
        assertThat(seen.newest(0)).isEmpty();
    }
}

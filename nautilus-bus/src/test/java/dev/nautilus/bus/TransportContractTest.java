package dev.nautilus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delivery contract every transport keeps, run against each of them: the in-memory transport
 * here, the Redis transport in its own module (this class ships in the test jar).
 */
public abstract class TransportContractTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    protected MessageBus bus;

    /** A fresh bus whose handlers are tried {@code maxDeliveries} times before dead-lettering. */
    protected abstract MessageBus createBus(int maxDeliveries);

    @BeforeEach
    void openBus() {
        bus = createBus(3);
    }

    @AfterEach
    void closeBus() {
        if (bus != null) {
            bus.close();
        }
    }

    /** The key of the stream (normal priority) that carries a type on this transport. */
    protected String streamKey(MessageType type) {
        return RoutingTable.defaults().route(type).streamKey();
    }

    protected static Message message(MessageType type, String topic, Object payload) {
        return Message.builder(type, topic).source("test").payload(payload).build();
    }

    @Test
    void everyGroupGetsEveryMatchingMessage() {
        List<String> risk = new CopyOnWriteArrayList<>();
        List<String> analytics = new CopyOnWriteArrayList<>();
        bus.subscribe(SubscriptionSpec.allTypes("risk", "risk-1", List.of("strategy.*")), m -> risk.add(m.topic()));
        bus.subscribe(
                SubscriptionSpec.allTypes("analytics", "analytics-1", List.of("strategy.signal.*", "portfolio.*")),
                m -> analytics.add(m.topic()));

        bus.publish(message(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross", Map.of("n", 1)));
        bus.publish(message(MessageType.PORTFOLIO_UPDATE, "portfolio.update.main", Map.of("n", 2)));
        bus.publish(message(MessageType.RISK_METRIC, "risk.metric.var", Map.of("n", 3)));

        await().atMost(WAIT).until(() -> risk.size() == 1 && analytics.size() == 2);
        assertThat(risk).containsExactly("strategy.signal.ma_cross");
        assertThat(analytics).containsExactlyInAnyOrder("strategy.signal.ma_cross", "portfolio.update.main");
    }

    @Test
    void thePublishBarrierCompletesOnceWhatWasPublishedOnBothBusesBeforeItIsConfirmed() throws Exception {
        assertThat(bus.confirmed().toCompletableFuture())
                .as("nothing outstanding")
                .isDone();
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(SubscriptionSpec.allTypes("risk", "risk-1", List.of("*")), m -> handled.incrementAndGet());
        for (int i = 0; i < 500; i++) {
            bus.publish(message(MessageType.MARKET_DATA, "market_data.trade.BTCUSD", Map.of("n", i)));
            bus.publish(message(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross", Map.of("n", i)));
        }
        bus.confirmed().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> handled.get() == 1_000);
    }

    @Test
    void instancesOfOneEngineShareTheMessages() {
        int total = 2_000;
        Map<String, String> handledBy = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        List<String> patterns = List.of("market_data.*");
        Set<MessageType> types = EnumSet.of(MessageType.MARKET_DATA);
        for (String instance : List.of("features-1", "features-2")) {
            bus.subscribe(new SubscriptionSpec("features", instance, patterns, types), m -> {
                if (handledBy.put(m.id(), instance) != null) {
                    duplicates.incrementAndGet();
                }
                Thread.sleep(0, 200_000);
            });
        }
        for (int i = 0; i < total; i++) {
            bus.publish(message(MessageType.MARKET_DATA, "market_data.trade.BTCUSD", Map.of("i", i)));
        }
        await().atMost(WAIT).until(() -> handledBy.size() == total);
        assertThat(duplicates).hasValue(0);
        assertThat(handledBy.values()).contains("features-1", "features-2");
    }

    @Test
    void aHigherPriorityOvertakesABacklogOf100000() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(new SubscriptionSpec("risk", "risk-1", List.of("*"), EnumSet.of(MessageType.RISK_METRIC)), m -> {
            if (m.topic().equals("risk.blocker")) {
                inFirst.countDown();
                release.await();
            }
            if (!m.topic().equals("risk.backlog")) {
                order.add(m.topic() + "@" + handled.get());
            }
            handled.incrementAndGet();
        });
        bus.publish(message(MessageType.RISK_METRIC, "risk.blocker", Map.of()));
        assertThat(inFirst.await(30, TimeUnit.SECONDS)).isTrue();
        int backlog = 100_000;
        Payload payload = Payload.of(Map.of("v", 1));
        for (int i = 0; i < backlog; i++) {
            bus.publish(Message.builder(MessageType.RISK_METRIC, "risk.backlog")
                    .source("test")
                    .payload(payload)
                    .build());
        }
        bus.publish(Message.builder(MessageType.RISK_METRIC, "risk.crash")
                .source("test")
                .priority(Priority.FLASH_CRASH)
                .payload(Map.of())
                .build());
        awaitPublished(backlog + 2);
        release.countDown();
        await().atMost(Duration.ofSeconds(120)).until(() -> handled.get() == backlog + 2);
        int crashPosition = order.stream()
                .filter(s -> s.startsWith("risk.crash@"))
                .findFirst()
                .map(s -> Integer.parseInt(s.substring(s.indexOf('@') + 1)))
                .orElseThrow();
        // Handled right after the blocker and at most one read batch, long before the backlog drains.
        assertThat(crashPosition).isLessThan(1_000);
    }

    /** Hook for transports that buffer publishes: wait until this many messages reached the bus. */
    protected void awaitPublished(long count) {}

    /** What a handler throws that counts as its failure: an exception, or a stack overflow (already unwound). */
    static Stream<Arguments> handlerFailures() {
        return Stream.of(
                Arguments.of(
                        "an exception",
                        (Supplier<Throwable>) () -> new IllegalStateException("cannot size order"),
                        List.of("handler failed 3 times", "IllegalStateException", "cannot size order")),
                Arguments.of(
                        "a stack overflow",
                        (Supplier<Throwable>) () -> new StackOverflowError("simulated: nests too deeply"),
                        List.of("handler failed 3 times", "StackOverflowError", "nests too deeply")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlerFailures")
    void aFailingHandlerIsRetriedThenDeadLetteredWithoutBlockingTheGroup(
            String kind, Supplier<Throwable> failure, List<String> reason) {
        AtomicInteger attempts = new AtomicInteger();
        List<String> good = new CopyOnWriteArrayList<>();
        bus.subscribe(
                new SubscriptionSpec(
                        "portfolio", "portfolio-1", List.of("strategy.*"), EnumSet.of(MessageType.STRATEGY_SIGNAL)),
                m -> {
                    if (m.topic().endsWith("poison")) {
                        attempts.incrementAndGet();
                        throwUnchecked(failure.get());
                    }
                    good.add(m.topic());
                });
        bus.publish(message(MessageType.STRATEGY_SIGNAL, "strategy.signal.poison", Map.of()));
        bus.publish(message(MessageType.STRATEGY_SIGNAL, "strategy.signal.ok", Map.of()));

        await().atMost(WAIT).until(() -> !bus.deadLetters(Bus.ENGINE_LOGIC, 10).isEmpty());
        await().atMost(WAIT).until(() -> good.contains("strategy.signal.ok"));
        DeadLetter letter = bus.deadLetters(Bus.ENGINE_LOGIC, 10).get(0);
        assertThat(attempts).hasValue(3);
        assertThat(letter.group()).isEqualTo("portfolio");
        assertThat(letter.deliveries()).isEqualTo(3);
        assertThat(letter.reason()).contains(reason);
        assertThat(letter.stream()).isEqualTo(streamKey(MessageType.STRATEGY_SIGNAL));
        assertThat(letter.envelope()).containsEntry("topic", "strategy.signal.poison");
        assertThat(statusOf(Bus.ENGINE_LOGIC).deadLettered()).isEqualTo(1);
        // The consumer lives on.
        bus.publish(message(MessageType.STRATEGY_SIGNAL, "strategy.signal.after", Map.of()));
        await().atMost(WAIT).until(() -> good.contains("strategy.signal.after"));
        assertThat(good).containsExactly("strategy.signal.ok", "strategy.signal.after");
    }

    private static void throwUnchecked(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        throw (RuntimeException) failure;
    }

    /** An {@link Error} of a kind the transport has never heard of. */
    private static final class SimulatedFatalError extends Error {
        SimulatedFatalError(String message) {
            super(message);
        }
    }

    @Test
    void aHandlerErrorNeitherKillsTheConsumerNorLosesTheMessage() {
        List<Integer> handled = new CopyOnWriteArrayList<>();
        AtomicInteger outOfMemory = new AtomicInteger();
        AtomicInteger otherError = new AtomicInteger();
        bus.subscribe(
                new SubscriptionSpec("risk", "risk-1", List.of("strategy.*"), EnumSet.of(MessageType.STRATEGY_SIGNAL)),
                m -> {
                    int i = m.payload().tree().get("i").asInt();
                    if (i == 1 && outOfMemory.getAndIncrement() == 0) {
                        throw new OutOfMemoryError("simulated: out of memory while handling message 1");
                    }
                    if (i == 2 && otherError.getAndIncrement() == 0) {
                        throw new SimulatedFatalError("simulated: message 2 met a broken class");
                    }
                    handled.add(i);
                });
        for (int i = 1; i <= 3; i++) {
            bus.publish(message(MessageType.STRATEGY_SIGNAL, "strategy.signal.s", Map.of("i", i)));
        }

        // Each message is delivered again after its handler's Error and handled then, once.
        await().atMost(WAIT).until(() -> handled.size() >= 3);
        assertThat(handled).containsExactly(1, 2, 3);
        assertThat(outOfMemory).hasValue(2);
        assertThat(otherError).hasValue(2);
        bus.publish(message(MessageType.STRATEGY_SIGNAL, "strategy.signal.s", Map.of("i", 4)));
        await().atMost(WAIT).until(() -> handled.contains(4));
        assertThat(bus.deadLetters(Bus.ENGINE_LOGIC, 10)).isEmpty();
        assertThat(handled).containsExactly(1, 2, 3, 4);
    }

    @Test
    void requestReplyCorrelatesAndTimesOut() throws Exception {
        BusEndpoint hub = bus.endpoint("marketdata", "marketdata-1");
        BusEndpoint strategy = bus.endpoint("strategy", "strategy-1");
        hub.subscribe(
                List.of("market_data.snapshot.*"),
                EnumSet.of(MessageType.MARKET_DATA),
                m -> hub.reply(
                        m, Map.of("instrument", m.topic().substring(m.topic().lastIndexOf('.') + 1), "price", 812.5)));

        Message reply = strategy.request(
                        MessageType.MARKET_DATA, "market_data.snapshot.BTCUSD", Map.of(), Duration.ofSeconds(20))
                .get(30, TimeUnit.SECONDS);
        assertThat(reply.payloadAs(Map.class)).containsEntry("instrument", "BTCUSD");
        assertThat(reply.sourceEngine()).isEqualTo("marketdata");

        var unanswered =
                strategy.request(MessageType.RISK_METRIC, "risk.query.nobody", Map.of(), Duration.ofMillis(200));
        assertThat(unanswered)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        hub.close();
        strategy.close();
    }

    @Test
    void aHandlerFedByBothBusesIsNeverCalledConcurrently() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(SubscriptionSpec.allTypes("collateral", "collateral-1", List.of("*")), m -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            inside.decrementAndGet();
            handled.incrementAndGet();
        });
        for (int i = 0; i < 2_000; i++) {
            bus.publish(message(MessageType.PRICE_UPDATE, "price.update.X", Map.of("i", i)));
            bus.publish(message(MessageType.PORTFOLIO_UPDATE, "portfolio.update.X", Map.of("i", i)));
        }
        await().atMost(WAIT).until(() -> handled.get() == 4_000);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void statusCountsWhatHappened() {
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(SubscriptionSpec.allTypes("ml", "ml-1", List.of("vpin.*")), m -> handled.incrementAndGet());
        for (int i = 0; i < 10; i++) {
            bus.publish(message(MessageType.VPIN_CALCULATION, "vpin.calculation.BTCUSD", Map.of("i", i)));
        }
        await().atMost(WAIT)
                .until(() -> handled.get() == 10 && statusOf(Bus.ENGINE_LOGIC).acked() == 10);
        TransportStatus status = statusOf(Bus.ENGINE_LOGIC);
        assertThat(status.published()).isEqualTo(10);
        assertThat(status.delivered()).isEqualTo(10);
        assertThat(status.connected()).isTrue();
        assertThat(statusOf(Bus.MARKETDATA).published()).isZero();
        assertThat(bus.subscriptions()).extracting(SubscriptionSpec::group).contains("ml");
    }

    /** A group whose handler fails on poison until cured, beside one that handles everything. */
    private DeadLetter deadLetterOfPortfolio(
            Map<String, Integer> portfolio,
            Map<String, Integer> risk,
            java.util.concurrent.atomic.AtomicBoolean cured) {
        bus.subscribe(
                new SubscriptionSpec(
                        "portfolio", "portfolio-1", List.of("strategy.*"), EnumSet.of(MessageType.STRATEGY_SIGNAL)),
                m -> {
                    if (m.topic().endsWith("poison") && !cured.get()) {
                        throw new IllegalStateException("cannot size order");
                    }
                    portfolio.merge(m.id(), 1, Integer::sum);
                });
        bus.subscribe(
                new SubscriptionSpec("risk", "risk-1", List.of("strategy.*"), EnumSet.of(MessageType.STRATEGY_SIGNAL)),
                m -> risk.merge(m.id(), 1, Integer::sum));
        Message poison = message(MessageType.STRATEGY_SIGNAL, "strategy.signal.poison", Map.of());
        bus.publish(poison);
        await().atMost(WAIT)
                .until(() -> !bus.deadLetters(Bus.ENGINE_LOGIC, 10).isEmpty() && risk.containsKey(poison.id()));
        DeadLetter letter = bus.deadLetters(Bus.ENGINE_LOGIC, 10).get(0);
        assertThat(letter.envelope()).containsEntry("id", poison.id());
        assertThat(letter.replayed()).isFalse();
        cured.set(true);
        return letter;
    }

    @Test
    void aReplayGoesToTheGroupThatFailedOnlyOnceAndASecondReplayIsRefused() throws Exception {
        Map<String, Integer> portfolio = new ConcurrentHashMap<>();
        Map<String, Integer> risk = new ConcurrentHashMap<>();
        DeadLetter letter = deadLetterOfPortfolio(portfolio, risk, new java.util.concurrent.atomic.AtomicBoolean());

        String id = letter.envelope().get("id");
        bus.replay(letter);
        await().atMost(WAIT).until(() -> portfolio.containsKey(id));
        assertThat(bus.deadLetters(Bus.ENGINE_LOGIC, 10).get(0).replayed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bus.replay(letter))
                .isInstanceOf(DeadLetterReplayedException.class)
                .hasMessageContaining("already replayed");
        // A message after the replay: once it is in, the replay had its chance to arrive twice.
        Message after = message(MessageType.STRATEGY_SIGNAL, "strategy.signal.after", Map.of());
        bus.publish(after);
        await().atMost(WAIT).until(() -> portfolio.containsKey(after.id()) && risk.containsKey(after.id()));
        Thread.sleep(200);
        assertThat(portfolio).containsEntry(id, 1);
        assertThat(risk).containsEntry(id, 1); // handled once at publish, not again
    }

    @Test
    void ofTwoReplaysAtOnceExactlyOneSucceeds() throws Exception {
        Map<String, Integer> portfolio = new ConcurrentHashMap<>();
        DeadLetter letter = deadLetterOfPortfolio(
                portfolio, new ConcurrentHashMap<>(), new java.util.concurrent.atomic.AtomicBoolean());

        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> replayers = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replayers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    bus.replay(letter);
                    succeeded.incrementAndGet();
                } catch (DeadLetterReplayedException e) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread replayer : replayers) {
            replayer.join(WAIT.toMillis());
        }
        assertThat(succeeded).hasValue(1);
        assertThat(refused).hasValue(1);
        String id = letter.envelope().get("id");
        await().atMost(WAIT).until(() -> portfolio.containsKey(id));
        Thread.sleep(500);
        assertThat(portfolio).containsEntry(id, 1);
    }

    protected TransportStatus statusOf(Bus which) {
        return bus.status().stream().filter(s -> s.bus() == which).findFirst().orElseThrow();
    }
}

package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An input is acknowledged only once every message its handler published is confirmed by Redis:
 * a consumer republishes each MarketData input to the Engine Logic bus, on another Redis, which is
 * paused ({@code CLIENT PAUSE … WRITE}) while inputs flow.
 */
class PublishBarrierTest {

    private static final String INPUTS = "nautilus:marketdata:market_data";
    private static final String GROUP = "features";

    @Test
    void confirmedCompletesOnlyOnceRedisHoldsEverythingPublishedBeforeIt() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el, "marketdata")) {
            assertThat(bus.confirmed().toCompletableFuture())
                    .as("nothing outstanding")
                    .isDone();
            int total = 20_000;
            publish(bus, 0, total);
            bus.confirmed().toCompletableFuture().get(30, TimeUnit.SECONDS);
            // No wait: everything published before the barrier is in the stream when it completes.
            assertThat(md.redis().xlen(INPUTS)).isEqualTo(total);
            assertThat(bus.confirmed().toCompletableFuture()).isDone();
        }
    }

    @Test
    void noInputIsAcknowledgedWhileItsOutputIsUnconfirmedAndEachGetsItsOutputOnce() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus inputs = bus(md, el, "marketdata");
                DualMessageBus observer = bus(md, el, "observer");
                DualMessageBus consumer = bus(md, el, GROUP)) {
            Map<String, AtomicInteger> outputs = observe(observer);
            AtomicInteger handled = new AtomicInteger();
            MessageHandler republish = RepublishingConsumerProcess.republishing(consumer);
            consumer.subscribe(spec("features-1"), m -> {
                republish.onMessage(m);
                handled.incrementAndGet();
            });
            List<String> ids = publish(inputs, 0, 100);
            await().atMost(Duration.ofSeconds(20)).until(() -> outputs.keySet().containsAll(ids) && pending(md) == 0);

            el.command("CLIENT", "PAUSE", "5000", "WRITE");
            ids.addAll(publish(inputs, 100, 300));
            await().atMost(Duration.ofSeconds(2)).until(() -> handled.get() > 100);
            // Redis holds the outputs unanswered: whatever was handled since stays pending, none acknowledged.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> pending(md) >= handled.get() - 100 && pending(md) > 0);

            await().atMost(Duration.ofSeconds(30)).until(() -> outputs.keySet().containsAll(ids) && pending(md) == 0);
            String outputStream =
                    ((RedisTransport) consumer.transport(Bus.ENGINE_LOGIC)).streamOf(MessageType.STRATEGY_SIGNAL);
            assertThat(el.redis().xlen(outputStream)).as("outputs in Redis").isEqualTo(ids.size());
            assertThat(outputs).hasSize(ids.size());
            assertThat(outputs.values()).as("outputs per input id").allMatch(count -> count.get() == 1);
        }
    }

    @Test
    void aConsumerKilledWhileItsOutputsAreUnconfirmedLosesNoOutput() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus inputs = bus(md, el, "marketdata");
                DualMessageBus observer = bus(md, el, "observer")) {
            Map<String, AtomicInteger> outputs = observe(observer);
            AtomicInteger handledByVictim = new AtomicInteger();
            ChildConsumer child = ChildConsumer.start(
                    RepublishingConsumerProcess.class,
                    line -> handledByVictim.incrementAndGet(),
                    md.url(),
                    el.url(),
                    GROUP,
                    "features-1");
            Process victim = child.process();
            List<String> ids = new ArrayList<>();
            try {
                assertThat(child.ready().await(60, TimeUnit.SECONDS))
                        .as("consumer process started")
                        .isTrue();
                ids.addAll(publish(inputs, 0, 100));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> outputs.keySet().containsAll(ids) && pending(md) == 0);

                el.command("CLIENT", "PAUSE", "5000", "WRITE");
                ids.addAll(publish(inputs, 100, 300));
                await().atMost(Duration.ofSeconds(3)).until(() -> handledByVictim.get() > 100);
                victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                child.output().join(5_000);
                assertThat(pending(md))
                        .as("inputs handled, outputs unconfirmed at the kill: still pending")
                        .isPositive();
            } finally {
                victim.destroyForcibly();
            }

            try (DualMessageBus survivor = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(md.url(), GROUP).withClaimIdle(Duration.ofSeconds(1)),
                    RedisBusConfig.defaults(el.url(), GROUP).withClaimIdle(Duration.ofSeconds(1)))) {
                survivor.subscribe(spec("features-2"), RepublishingConsumerProcess.republishing(survivor));
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> outputs.keySet().containsAll(ids) && pending(md) == 0);
            }
        }
    }

    @Test
    void aConsumerClosedRightAfterHandlingAcknowledgesWhatItHandled() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus inputs = bus(md, el, "marketdata")) {
            for (int round = 0; round < 50; round++) {
                try (DualMessageBus consumer = bus(md, el, GROUP)) {
                    CountDownLatch handled = new CountDownLatch(1);
                    MessageHandler republish = RepublishingConsumerProcess.republishing(consumer);
                    Subscription subscription = consumer.subscribe(spec("features-1"), m -> {
                        republish.onMessage(m);
                        handled.countDown();
                    });
                    publish(inputs, round, round + 1);
                    assertThat(handled.await(20, TimeUnit.SECONDS)).isTrue();
                    // closed while the output still waits for its confirmation (the publisher flushes
                    // every few ms): a graceful close must await it and acknowledge, not leave the
                    // input to be handled again by the next instance
                    subscription.close();
                    assertThat(pending(md))
                            .as("round %d: inputs left pending by a graceful close", round)
                            .isZero();
                }
            }
        }
    }

    private static DualMessageBus bus(RedisServer md, RedisServer el, String identity) {
        return RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(md.url(), identity),
                RedisBusConfig.defaults(el.url(), identity));
    }

    private static SubscriptionSpec spec(String consumer) {
        return new SubscriptionSpec(GROUP, consumer, List.of("*"), EnumSet.of(MessageType.MARKET_DATA));
    }

    /** Counts the outputs by the id of the input they were made for. */
    private static Map<String, AtomicInteger> observe(MessageBus observer) {
        Map<String, AtomicInteger> byInput = new ConcurrentHashMap<>();
        observer.subscribe(
                new SubscriptionSpec("observer", "observer-1", List.of("*"), EnumSet.of(MessageType.STRATEGY_SIGNAL)),
                m -> byInput.computeIfAbsent((String) m.payloadAs(Map.class).get("input"), k -> new AtomicInteger())
                        .incrementAndGet());
        return byInput;
    }

    private static List<String> publish(MessageBus bus, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Message input = Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                    .source("marketdata")
                    .payload(Map.of("i", i))
                    .build();
            bus.publish(input);
            ids.add(input.id());
        }
        return ids;
    }

    private static long pending(RedisServer md) {
        return md.redis().xpending(INPUTS, GROUP).getCount();
    }
}

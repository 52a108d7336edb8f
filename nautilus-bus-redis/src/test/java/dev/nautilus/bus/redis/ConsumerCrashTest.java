package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A consumer process killed with SIGKILL mid-stream: another instance claims what it left pending. */
class ConsumerCrashTest {

    @Test
    void messagesPendingInAKilledConsumerAreClaimedByAnotherInstance() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start()) {
            Set<Integer> handledByVictim = ConcurrentHashMap.newKeySet();
            ChildConsumer child = ChildConsumer.start(
                    ConsumerProcess.class,
                    line -> handledByVictim.add(Integer.parseInt(line)),
                    md.url(),
                    el.url(),
                    "features",
                    "features-1",
                    "5");
            Process victim = child.process();
            assertThat(child.ready().await(60, TimeUnit.SECONDS))
                    .as("consumer process started")
                    .isTrue();

            int total = 1_000;
            try (DualMessageBus publisher = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(md.url(), "marketdata"),
                    RedisBusConfig.defaults(el.url(), "marketdata"))) {
                for (int i = 0; i < total; i++) {
                    publisher.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                            .source("marketdata")
                            .payload(Map.of("i", i))
                            .build());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> handledByVictim.size() >= 100);
                victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                child.output().join(5_000);
                int victimCount = handledByVictim.size();
                assertThat(victimCount).isLessThan(total);
                assertThat(md.redis()
                                .xpending("nautilus:marketdata:market_data", "features")
                                .getCount())
                        .as("entries left pending by the killed consumer")
                        .isPositive();

                Set<Integer> handledBySurvivor = ConcurrentHashMap.newKeySet();
                AtomicInteger deliveries = new AtomicInteger();
                try (DualMessageBus survivor = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "features").withClaimIdle(Duration.ofSeconds(1)),
                        RedisBusConfig.defaults(el.url(), "features").withClaimIdle(Duration.ofSeconds(1)))) {
                    survivor.subscribe(
                            new SubscriptionSpec(
                                    "features", "features-2", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                            m -> {
                                deliveries.incrementAndGet();
                                handledBySurvivor.add(
                                        (Integer) m.payloadAs(Map.class).get("i"));
                            });
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        Set<Integer> all = ConcurrentHashMap.newKeySet();
                        all.addAll(handledByVictim);
                        all.addAll(handledBySurvivor);
                        return all.size() == total;
                    });
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> md.redis()
                                            .xpending("nautilus:marketdata:market_data", "features")
                                            .getCount()
                                    == 0);
                }
                // Every message handled at least once; none lost. Duplicates are the ones the victim
                // handled but had not yet acknowledged when it died.
                assertThat(handledBySurvivor)
                        .containsAll(java.util.stream.IntStream.range(0, total)
                                .boxed()
                                .filter(i -> !handledByVictim.contains(i))
                                .toList());
            }
        }
    }
}

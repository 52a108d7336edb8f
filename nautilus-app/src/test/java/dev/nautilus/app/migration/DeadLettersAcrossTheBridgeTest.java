package dev.nautilus.app.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nautilus.app.Connections;
import dev.nautilus.app.config.BusSettings;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.DeadLetterReplayedException;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.codec.EnvelopeField;
import dev.nautilus.bus.redis.MirrorFields;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.bus.redis.bridge.LayoutBridge;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.topics.PortfolioTopics;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.Range;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Dead letters while engines are split between the layouts: Risk on the dual bus dead-letters a
 * message a producer on the main Redis published (it reached Risk as the bridge's copy). The
 * letter is seen from the main Redis, where the platform still runs, and replayed from there; the
 * replay reaches Risk on the Engine Logic bus's Redis through the bridge and is handled once.
 */
class DeadLettersAcrossTheBridgeTest {

    private static final RoutingTable ROUTING = RoutingTable.defaults();

    @Test
    void aLetterDeadLetteredOnTheDualBusIsSeenAndReplayedFromTheMainRedisAndHandledOnce() throws InterruptedException {
        try (RedisServer main = RedisServer.start();
                RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            Map<Bus, String> busUrls = Map.of(Bus.MARKETDATA, marketData.url(), Bus.ENGINE_LOGIC, engineLogic.url());
            AtomicBoolean healed = new AtomicBoolean();
            ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
            try (MigrationRedis redis = new MigrationRedis(ROUTING, main.url(), busUrls);
                    LayoutBridge bridge = Migration.bridge(redis, 100_000);
                    MessageBus risk = Connections.openBus(settings("dual", main, marketData, engineLogic), "risk");
                    MessageBus platform =
                            Connections.openBus(settings("single", main, marketData, engineLogic), "portfolio")) {
                risk.endpoint(EngineMatrix.RISK, "risk-1")
                        .subscribe(List.of(PortfolioTopics.ALL), EnumSet.of(MessageType.PORTFOLIO_UPDATE), message -> {
                            if (!healed.get()) {
                                throw new IllegalStateException("risk cannot handle it yet");
                            }
                            handled.add(message.id());
                        });
                Message update = Message.builder(MessageType.PORTFOLIO_UPDATE, "portfolio.update.acct-1")
                        .source("portfolio")
                        .payload(Map.of("equity", 1_000))
                        .build();
                platform.publish(update);

                DeadLetter letter = await().atMost(Duration.ofSeconds(30))
                        .until(() -> platform.deadLetters(Bus.ENGINE_LOGIC, 10), letters -> !letters.isEmpty())
                        .getFirst();
                assertThat(letter.group()).isEqualTo(EngineMatrix.RISK);
                assertThat(letter.envelope()).containsEntry(EnvelopeField.ID, update.id());
                assertThat(letter.envelope()).doesNotContainKeys(MirrorFields.ORIGIN, MirrorFields.SOURCE_ID);
                assertThat(engineLogic
                                .redis()
                                .xrange(ROUTING.deadLetterStream(Bus.ENGINE_LOGIC), Range.create("-", "+")))
                        .as("the letter where Risk wrote it: an original, which the bridge copies")
                        .singleElement()
                        .satisfies(entry -> assertThat(entry.getBody()).doesNotContainKey(MirrorFields.ORIGIN));

                healed.set(true);
                platform.replay(letter);
                await().atMost(Duration.ofSeconds(30)).until(() -> !handled.isEmpty());
                assertThatThrownBy(() -> platform.replay(letter)).isInstanceOf(DeadLetterReplayedException.class);
                assertThat(bridge.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
                Thread.sleep(1_000); // a second delivery would have come by now
                assertThat(handled)
                        .as("the replay, handled once on the other side")
                        .containsExactly(update.id());
                String lane = RedisBuses.replayLane(ROUTING, Bus.ENGINE_LOGIC, EngineMatrix.RISK);
                assertThat(main.redis().xlen(lane)).isEqualTo(1);
                assertThat(engineLogic.redis().xlen(lane)).isEqualTo(1);
                assertThat(main.redis().xlen(ROUTING.deadLetterStream(Bus.ENGINE_LOGIC)))
                        .as("the letter's copy, not copied back")
                        .isEqualTo(1);
                assertThat(engineLogic.redis().xlen(ROUTING.deadLetterStream(Bus.ENGINE_LOGIC)))
                        .isEqualTo(1);
            }
        }
    }

    private static BusSettings settings(
            String layout, RedisServer main, RedisServer marketData, RedisServer engineLogic) {
        return new ConfigLoader(Map.of(
                        "NAUTILUS_BUS_LAYOUT", layout,
                        "NAUTILUS_MAIN_REDIS_URL", main.url(),
                        "NAUTILUS_MARKETDATA_BUS_URL", marketData.url(),
                        "NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic.url(),
                        "NAUTILUS_MAX_DELIVERIES", "1"))
                .load()
                .bus();
    }
}

package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.BusBackpressureException;
import dev.nautilus.bus.DeadLetter;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.monitor.RedisInfo;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Outages, restarts, FLUSHALL, malformed entries and idle cost, against real redis-server processes. */
class RedisBusFaultTest {

    private static Message tick(int i) {
        return Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                .source("test")
                .payload(Map.of("i", i))
                .build();
    }

    private static Message signal(int i) {
        return Message.builder(MessageType.STRATEGY_SIGNAL, "strategy.signal.ma_cross")
                .source("test")
                .payload(Map.of("i", i))
                .build();
    }

    private static DualMessageBus bus(RedisServer marketData, RedisServer engineLogic, String identity) {
        return RedisBuses.dualBus(
                RoutingTable.defaults(),
                RedisBusConfig.defaults(marketData.url(), identity).withClaimIdle(Duration.ofSeconds(1)),
                RedisBusConfig.defaults(engineLogic.url(), identity).withClaimIdle(Duration.ofSeconds(1)));
    }

    @Test
    void routingLandsOnTheRightRedisAndEveryConnectionIsNamed() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                RedisServer main = RedisServer.start();
                DualMessageBus bus = bus(md, el, "platform")) {
            AtomicInteger handled = new AtomicInteger();
            bus.subscribe(SubscriptionSpec.allTypes("risk", "risk-1", List.of("*")), m -> handled.incrementAndGet());
            bus.publish(tick(1));
            bus.publish(Message.builder(MessageType.PRICE_UPDATE, "price.update.BTCUSD")
                    .source("test")
                    .payload(Map.of())
                    .build());
            bus.publish(signal(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.get() == 3);

            assertThat(md.redis().xlen("nautilus:marketdata:market_data")).isEqualTo(1);
            assertThat(md.redis().xlen("nautilus:marketdata:price_update")).isEqualTo(1);
            assertThat(md.redis().exists("nautilus:marketdata:strategy_signal")).isZero();
            assertThat(el.redis().xlen("nautilus:engine_logic:strategy_signal")).isEqualTo(1);
            assertThat(el.redis().exists("nautilus:engine_logic:market_data")).isZero();

            String mdClients = md.redis().clientList();
            assertThat(mdClients)
                    .contains("name=nautilus:platform:marketdata:cmd", "name=nautilus:risk:marketdata:reader");
            assertThat(el.redis().clientList())
                    .contains("name=nautilus:platform:engine_logic:cmd", "name=nautilus:risk:engine_logic:reader");
            assertThat(main.redis().clientList()).doesNotContain("name=nautilus:");
            // One shared command connection per bus for the whole process.
            assertThat(mdClients.split("name=nautilus:platform:marketdata:cmd", -1))
                    .hasSize(2);
        }
    }

    @Test
    void flushallDuringARunHealsWithZeroFurtherFailedReads() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el, "platform")) {
            Set<Object> seen = ConcurrentHashMap.newKeySet();
            for (String engine : List.of("features", "vpin", "strategy")) {
                bus.subscribe(
                        new SubscriptionSpec(
                                engine, engine + "-1", List.of("market_data.*"), EnumSet.of(MessageType.MARKET_DATA)),
                        m -> seen.add(engine + m.payloadAs(Map.class).get("i")));
            }
            bus.publish(tick(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 3);

            md.redis().flushall();
            // Each reader detects the loss once (one NOGROUP each), recreates its groups, and goes on.
            for (int i = 2; i <= 20; i++) {
                bus.publish(tick(i));
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 3 * 19);
            long failedAfterHealing = md.commandStat("xreadgroup", "failed_calls");
            assertThat(failedAfterHealing).isLessThanOrEqualTo(3);
            for (int i = 21; i <= 40; i++) {
                bus.publish(tick(i));
            }
            Thread.sleep(3_000);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 3 * 39);
            assertThat(md.commandStat("xreadgroup", "failed_calls")).isEqualTo(failedAfterHealing);
        }
    }

    @Test
    void malformedEntriesWrittenByHandGoToTheDeadLettersWithTheirReason() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el, "platform")) {
            List<Object> good = new java.util.concurrent.CopyOnWriteArrayList<>();
            bus.subscribe(
                    new SubscriptionSpec("risk", "risk-1", List.of("*"), EnumSet.of(MessageType.STRATEGY_SIGNAL)),
                    m -> good.add(m.payloadAs(Map.class).get("i")));
            String stream = "nautilus:engine_logic:strategy_signal";
            String ts = "1724680000.5";
            redisCli(
                    el,
                    "XADD",
                    stream,
                    "*",
                    "message_type",
                    "strategy_signal",
                    "source_engine",
                    "py",
                    "priority",
                    "normal",
                    "timestamp",
                    ts);
            redisCli(
                    el,
                    "XADD",
                    stream,
                    "*",
                    "message_type",
                    "strategy_signal",
                    "source_engine",
                    "py",
                    "payload",
                    "{oops",
                    "priority",
                    "normal",
                    "timestamp",
                    ts);
            redisCli(
                    el,
                    "XADD",
                    stream,
                    "*",
                    "message_type",
                    "strategy_signal",
                    "source_engine",
                    "py",
                    "payload",
                    "{}",
                    "priority",
                    "panic",
                    "timestamp",
                    ts);
            redisCli(
                    el,
                    "XADD",
                    stream,
                    "*",
                    "message_type",
                    "strategy_signal",
                    "source_engine",
                    "py",
                    "payload",
                    "{}",
                    "priority",
                    "normal",
                    "timestamp",
                    "noon");
            bus.publish(signal(7));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> good.size() == 1
                            && bus.deadLetters(Bus.ENGINE_LOGIC, 10).size() == 4);
            assertThat(good).containsExactly(7);
            List<String> reasons = bus.deadLetters(Bus.ENGINE_LOGIC, 10).stream()
                    .map(DeadLetter::reason)
                    .toList();
            assertThat(reasons)
                    .anySatisfy(r -> assertThat(r).contains("'payload' is missing"))
                    .anySatisfy(r -> assertThat(r).contains("'payload'", "not valid JSON"))
                    .anySatisfy(r -> assertThat(r).contains("'priority'", "unknown priority 'panic'"))
                    .anySatisfy(r -> assertThat(r).contains("'timestamp'", "noon"));
            DeadLetter letter = bus.deadLetters(Bus.ENGINE_LOGIC, 10).get(0);
            assertThat(letter.stream()).isEqualTo(stream);
            assertThat(letter.group()).isEqualTo("risk");
            assertThat(letter.envelope()).containsEntry("source_engine", "py");
            // Dead-lettered entries are acknowledged: nothing stays pending to block the group.
            assertThat(el.redis().xpending(stream, "risk").getCount()).isZero();
            assertThat(el.redis().xlen("nautilus:engine_logic:dead")).isEqualTo(4);
        }
    }

    @Test
    void aHandlerErrorNeverKillsTheReader() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform"),
                        RedisBusConfig.defaults(el.url(), "platform").withMaxDeliveries(3))) {
            List<Integer> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicInteger outOfMemory = new AtomicInteger();
            bus.subscribe(
                    new SubscriptionSpec("risk", "risk-1", List.of("*"), EnumSet.of(MessageType.STRATEGY_SIGNAL)),
                    m -> {
                        int i = m.payload().tree().get("i").asInt();
                        if (i == 1 && outOfMemory.getAndIncrement() == 0) {
                            throw new OutOfMemoryError("simulated: out of memory while handling message 1");
                        }
                        if (i == 2) {
                            throw new StackOverflowError("simulated: message 2 nests too deeply");
                        }
                        handled.add(i);
                    });
            bus.publish(signal(1));
            bus.publish(signal(2));
            bus.publish(signal(3));
            // The reader outlives the OutOfMemoryError and reads message 1 again; the stack
            // overflow is message 2's handler failing, so it ends in the dead letters.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> handled.containsAll(List.of(1, 3))
                            && bus.deadLetters(Bus.ENGINE_LOGIC, 10).size() == 1);
            assertThat(bus.deadLetters(Bus.ENGINE_LOGIC, 10).get(0).reason())
                    .contains("handler failed 3 times", "StackOverflowError");
            bus.publish(signal(4));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(4));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> el.redis()
                                    .xpending("nautilus:engine_logic:strategy_signal", "risk")
                                    .getCount()
                            == 0);
        }
    }

    @Test
    void aRestartedRedisWithAofLosesNothing() throws Exception {
        try (RedisServer md = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el, "platform")) {
            Set<Object> handled = ConcurrentHashMap.newKeySet();
            bus.subscribe(
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> handled.add(m.payloadAs(Map.class).get("i")));
            int total = 3_000;
            for (int i = 0; i < total; i++) {
                if (i == total / 2) {
                    md.kill();
                    Thread.sleep(300);
                    md.restart();
                }
                bus.publish(tick(i));
                if (i % 100 == 0) {
                    Thread.sleep(5);
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == total);
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            assertThat(transport.outages()).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> transport.status().connected());
        }
    }

    @Test
    void whileRedisIsDownThePublishBufferIsBoundedAndThenDrains() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform").withMaxBufferedWhileDown(100),
                        RedisBusConfig.defaults(el.url(), "platform"))) {
            Set<Object> handled = ConcurrentHashMap.newKeySet();
            bus.subscribe(
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> handled.add(m.payloadAs(Map.class).get("i")));
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            md.kill();
            int accepted = 0;
            BusBackpressureException refused = null;
            for (int i = 0; i < 1_000 && refused == null; i++) {
                try {
                    bus.publish(tick(i));
                    accepted++;
                } catch (BusBackpressureException e) {
                    refused = e;
                }
                Thread.sleep(1);
            }
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("publish buffer of the MarketData bus is full", "unreachable");
            assertThat(accepted).isBetween(100, 101);
            assertThat(transport.status().connected()).isFalse();
            assertThat(transport.status().rejected()).isEqualTo(1);
            assertThat(transport.status().lastError()).isNotBlank();

            md.restart();
            int expected = accepted;
            // The restarted Redis is empty: the reader heals its group, the buffered messages follow.
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == expected);
            assertThat(transport.status().queued()).isZero();
        }
    }

    @Test
    void aRedisThatHangsWithoutClosingTheConnectionIsReportedAndNothingIsLost() throws Exception {
        try (RedisServer md = RedisServer.start("--enable-debug-command", "yes");
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform").withCommandTimeout(Duration.ofMillis(500)),
                        RedisBusConfig.defaults(el.url(), "platform"))) {
            AtomicInteger handled = new AtomicInteger();
            bus.subscribe(
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> handled.incrementAndGet());
            bus.publish(tick(0));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 1);
            // DEBUG SLEEP freezes Redis's one command thread: connections stay open, nothing is answered.
            CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> md.command("DEBUG", "SLEEP", "3"));
            await().atMost(Duration.ofSeconds(2)).until(md::commandTimesOut);
            bus.publish(tick(1)); // idle publisher: written at once, then unanswered
            // Reported within twice the command timeout, while Redis still sleeps. Which part notices
            // first (the publisher's watch on its write, the connection's on its replies, a reconnect's
            // set-up) is a race; each says what went unanswered and for how long.
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            await().atMost(Duration.ofMillis(2_500)).until(() -> transport.outages() >= 1);
            assertThat(bus.status().get(0).lastError())
                    .containsPattern("(not answered|did not answer)( .+)? within \\d+ ms");
            sleeping.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.get() >= 2);
        }
    }

    @Test
    void closingWhileAWriteIsUnansweredEitherDeliversItOrCountsItRejected() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start()) {
            String stream = "nautilus:marketdata:market_data";
            DualMessageBus bus = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(md.url(), "platform").withCommandTimeout(Duration.ofMillis(500)),
                    RedisBusConfig.defaults(el.url(), "platform"));
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            bus.publish(tick(0));
            assertThat(transport.awaitPublished(Duration.ofSeconds(5))).isTrue();
            // Redis holds every write command for 3 s: the next XADD is written at once and not answered.
            md.command("CLIENT", "PAUSE", "3000", "WRITE");
            long pausedAt = System.nanoTime();
            bus.publish(tick(1));
            bus.close();
            assertThat(Duration.ofNanos(System.nanoTime() - pausedAt))
                    .as("close took")
                    .isLessThan(Duration.ofSeconds(3));
            // Never "published" and gone: it reaches Redis, or the bus says it did not (the flusher
            // may still be giving up when close returns: it waits for it only so long).
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> transport.status().rejected() + md.redis().xlen(stream) - 1 >= 1);
        }
    }

    @Test
    void publishingFlatOutThroughAHangNeitherBlocksNorLosesWhatWasAccepted() throws Exception {
        try (RedisServer md = RedisServer.start("--enable-debug-command", "yes");
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform")
                                .withCommandTimeout(Duration.ofSeconds(1))
                                .withStreamMaxLen(1_000_000)
                                .withMaxBufferedWhileDown(10_000),
                        RedisBusConfig.defaults(el.url(), "platform"))) {
            Set<Integer> handled = ConcurrentHashMap.newKeySet();
            bus.subscribe(
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> handled.add(m.payload().tree().get("i").asInt()));
            String pad = "p".repeat(2_000);
            CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> md.command("DEBUG", "SLEEP", "4"));
            await().atMost(Duration.ofSeconds(2)).until(md::commandTimesOut);
            // 40 MB while Redis reads nothing: the socket buffers fill and a write blocks until the
            // hang is detected and the connection dropped; publish must never wait much longer.
            Set<Integer> accepted = ConcurrentHashMap.newKeySet();
            long longestCall = 0;
            for (int i = 0; i < 20_000; i++) {
                long start = System.nanoTime();
                try {
                    bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                            .source("test")
                            .payload(Map.of("i", i, "pad", pad))
                            .build());
                    accepted.add(i);
                } catch (BusBackpressureException e) {
                    // refused and counted while Redis is unreachable: the caller knows
                }
                longestCall = Math.max(longestCall, System.nanoTime() - start);
            }
            assertThat(Duration.ofNanos(longestCall)).isLessThan(Duration.ofSeconds(4));
            sleeping.get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsAll(accepted));
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            assertThat(transport.outages()).as("the hang was reported").isPositive();
            assertThat(accepted).isNotEmpty();
            assertThat(transport.status().rejected()).isEqualTo(20_000 - accepted.size());
        }
    }

    @Test
    void aSubscriptionClosedMidBatchAcknowledgesWhatItHandledSoARestartGetsNoDuplicates() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el, "platform")) {
            SubscriptionSpec spec =
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA));
            Set<Integer> before = ConcurrentHashMap.newKeySet();
            var first = bus.subscribe(spec, m -> {
                before.add(m.payload().tree().get("i").asInt());
                Thread.sleep(1); // slow enough that the close lands in the middle of a batch
            });
            for (int i = 0; i < 2_000; i++) {
                bus.publish(tick(i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> before.size() >= 300);
            first.close();
            int handledBeforeClose = before.size();
            Set<Integer> after = ConcurrentHashMap.newKeySet();
            Set<Integer> again = ConcurrentHashMap.newKeySet();
            // The same consumer again (an engine restarted): its pending entries first, then the rest.
            bus.subscribe(spec, m -> {
                int i = m.payload().tree().get("i").asInt();
                if (before.contains(i)) {
                    again.add(i);
                }
                after.add(i);
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> before.size() + after.size() - again.size() == 2_000);
            assertThat(before).hasSize(handledBeforeClose);
            assertThat(again).as("handled before the close, delivered again").isEmpty();
        }
    }

    @Test
    void urgentMessagesAreNotHeldInTheBuffer() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform"),
                        RedisBusConfig.defaults(el.url(), "platform").withBuffer(3000, Duration.ofSeconds(30)))) {
            bus.publish(Message.builder(MessageType.RISK_METRIC, "risk.alert.crash")
                    .source("risk")
                    .priority(Priority.FLASH_CRASH)
                    .payload(Map.of())
                    .build());
            // Written by the publishing thread itself: already in Redis when publish returns.
            assertThat(el.redis().xlen("nautilus:engine_logic:risk_metric:flash_crash"))
                    .isEqualTo(1);
        }
    }

    @Test
    void thirteenIdleEnginesCostNoFailedReadsAndAlmostNoCpu() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = bus(md, el, "platform")) {
            List<String> engines = List.of(
                    "analytics",
                    "backtesting",
                    "risk",
                    "factor",
                    "ml",
                    "features",
                    "websocket",
                    "strategy",
                    "marketdata",
                    "portfolio",
                    "toraniko",
                    "collateral",
                    "vpin");
            for (String engine : engines) {
                bus.subscribe(SubscriptionSpec.allTypes(engine, engine + "-1", List.of("*")), m -> {});
            }
            Thread.sleep(1_000);
            double cpuBefore = cpuSeconds(el);
            long start = System.nanoTime();
            Thread.sleep(10_000);
            double cpuPercent = 100 * (cpuSeconds(el) - cpuBefore) / ((System.nanoTime() - start) / 1e9);
            assertThat(el.commandStat("xreadgroup", "failed_calls")).isZero();
            assertThat(md.commandStat("xreadgroup", "failed_calls")).isZero();
            assertThat(el.commandStat("xreadgroup", "calls")).isGreaterThan(0);
            // Not one error reply of any kind from our connections (CLIENT SETINFO included).
            assertThat(el.info("stats")).contains("total_error_replies:0");
            assertThat(md.info("stats")).contains("total_error_replies:0");
            assertThat(cpuPercent)
                    .as("Engine Logic Redis CPU %% over 10 s idle")
                    .isLessThan(1.0);
        }
    }

    static double cpuSeconds(RedisServer server) {
        RedisInfo cpu = RedisInfo.parse(server.info("cpu"));
        return cpu.doubleValue("used_cpu_sys").orElse(0)
                + cpu.doubleValue("used_cpu_user").orElse(0);
    }

    static void redisCli(RedisServer server, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("redis-cli", "-p", Integer.toString(server.port())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as("redis-cli " + String.join(" ", args) + ": " + output)
                .isZero();
    }

    @Test
    void oversizedPayloadsAreRefusedAtPublish() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform").withMaxPayloadBytes(100),
                        RedisBusConfig.defaults(el.url(), "platform"))) {
            assertThatThrownBy(() -> bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.blob")
                            .source("t")
                            .payload(Map.of("blob", "x".repeat(200)))
                            .build()))
                    .hasMessageContaining("over the limit of 100");
        }
    }

    @Test
    void aclUsersAndDatabasesInTheUrlAreHonouredAndBadCredentialsAreAClearError() throws Exception {
        try (RedisServer md =
                        RedisServer.start("--user", "bus", "on", ">nautilus-test-secret-acl", "~*", "&*", "+@all");
                RedisServer el = RedisServer.start()) {
            String good = "redis://bus:nautilus-test-secret-acl@127.0.0.1:" + md.port() + "/2";
            try (DualMessageBus bus = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(good, "platform"),
                    RedisBusConfig.defaults(el.url(), "platform"))) {
                AtomicInteger handled = new AtomicInteger();
                bus.subscribe(
                        new SubscriptionSpec(
                                "features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                        m -> handled.incrementAndGet());
                bus.publish(tick(1));
                await().atMost(Duration.ofSeconds(20)).until(() -> handled.get() == 1);
            }
            String wrong = "redis://bus:nope@127.0.0.1:" + md.port();
            assertThatThrownBy(() -> RedisBuses.dualBus(
                            RoutingTable.defaults(),
                            RedisBusConfig.defaults(wrong, "platform"),
                            RedisBusConfig.defaults(el.url(), "platform")))
                    .hasMessageContaining("cannot connect the MarketData bus to redis://bus:***@127.0.0.1:" + md.port())
                    .hasMessageNotContaining("nope");
        }
    }

    @Test
    void aPublisherFasterThanAReachableRedisWaitsInsteadOfFailing() throws Exception {
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(md.url(), "platform").withMaxBufferedWhileDown(50),
                        RedisBusConfig.defaults(el.url(), "platform"))) {
            for (int i = 0; i < 20_000; i++) {
                bus.publish(tick(i));
            }
            RedisTransport transport = (RedisTransport) bus.transport(Bus.MARKETDATA);
            assertThat(transport.awaitPublished(Duration.ofSeconds(30))).isTrue();
            assertThat(md.redis().xlen("nautilus:marketdata:market_data")).isEqualTo(20_000);
            assertThat(transport.status().rejected()).isZero();
        }
    }
}

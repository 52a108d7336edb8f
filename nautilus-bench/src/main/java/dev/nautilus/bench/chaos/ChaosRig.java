package dev.nautilus.bench.chaos;

import dev.nautilus.bench.FixedRate;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What most scenarios stand on: a MarketData and an Engine Logic Redis, a verification Redis for the
 * {@link EffectLedger}, a publisher in this process, and child consumers in groups of their own.
 * Closing it kills the children and stops the servers.
 */
final class ChaosRig implements AutoCloseable {

    static final String GROUP = "chaos";
    static final Duration CLAIM_IDLE = Duration.ofSeconds(1);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    final String marketDataUrl;
    private final java.util.function.Supplier<io.lettuce.core.api.sync.RedisCommands<String, String>> marketDataAdmin;
    private final AutoCloseable marketDataServer;
    final RedisServer engineLogic;
    final RedisServer verify;
    final DualMessageBus publisher;
    final EffectLedger ledger;
    final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final List<ChildJvm> children = new ArrayList<>();
    private final ChaosOptions options;

    private ChaosRig(
            ChaosOptions options,
            String marketDataUrl,
            java.util.function.Supplier<io.lettuce.core.api.sync.RedisCommands<String, String>> marketDataAdmin,
            AutoCloseable marketDataServer,
            RedisServer engineLogic,
            RedisServer verify) {
        this.options = options;
        this.marketDataUrl = marketDataUrl;
        this.marketDataAdmin = marketDataAdmin;
        this.marketDataServer = marketDataServer;
        this.engineLogic = engineLogic;
        this.verify = verify;
        this.publisher =
                ChaosBus.dual(marketDataUrl, engineLogic.url(), "chaos-publisher", CLAIM_IDLE, COMMAND_TIMEOUT);
        this.ledger = new EffectLedger(verify.url(), GROUP);
    }

    /** Starts the three servers; {@code marketDataArgs} go to the MarketData Redis (e.g. AOF). */
    static ChaosRig start(ChaosOptions options, List<String> marketDataArgs, List<String> engineLogicArgs) {
        RedisServer md = RedisServer.start(marketDataArgs.toArray(String[]::new));
        RedisServer el = RedisServer.start(engineLogicArgs.toArray(String[]::new));
        RedisServer verify = RedisServer.start();
        return new ChaosRig(options, md.url(), md::redis, md, el, verify);
    }

    /** The same with the MarketData Redis given: one behind a network namespace. */
    static ChaosRig startWith(ChaosOptions options, NetnsRedis md) {
        return new ChaosRig(options, md.url(), md::redis, md, RedisServer.start(), RedisServer.start());
    }

    /** The MarketData Redis, for scenarios that kill and restart it. */
    RedisServer marketDataServer() {
        if (marketDataServer instanceof RedisServer server) {
            return server;
        }
        throw new IllegalStateException("this rig's MarketData Redis is not a local RedisServer");
    }

    /** Typed commands on the MarketData Redis, for counting. */
    io.lettuce.core.api.sync.RedisCommands<String, String> marketDataRedis() {
        return marketDataAdmin.get();
    }

    static ChaosRig start(ChaosOptions options) {
        return start(options, List.of(), List.of());
    }

    /** A sink consumer of the inputs in a child JVM of the rig's group. */
    ChildJvm sink(String consumer) throws Exception {
        return child(consumer, GROUP, ChaosConsumer.Mode.sink, MessageType.MARKET_DATA);
    }

    /** A republisher in a child JVM of the rig's group. */
    ChildJvm republisher(String consumer) throws Exception {
        return child(consumer, GROUP, ChaosConsumer.Mode.republisher, MessageType.MARKET_DATA);
    }

    /** A child consumer; a sink's effects go to the ledger scope named after {@code group}. */
    ChildJvm child(String consumer, String group, ChaosConsumer.Mode mode, MessageType type) throws Exception {
        ChildJvm child = ChildJvm.start(
                consumer,
                ChaosConsumer.class,
                options.logs(),
                List.of(
                        "--marketdata", marketDataUrl,
                        "--type", type.name(),
                        "--enginelogic", engineLogic.url(),
                        "--verify", verify.url(),
                        "--group", group,
                        "--consumer", consumer,
                        "--mode", mode.name(),
                        "--claim-idle-ms", String.valueOf(CLAIM_IDLE.toMillis()),
                        "--command-timeout-ms", String.valueOf(COMMAND_TIMEOUT.toMillis())));
        children.add(child);
        return child;
    }

    /** Publishes one input, remembering its id. */
    Message publish(long i) {
        Message input = ChaosBus.input(i);
        publisher.publish(input);
        sent.add(input.id());
        return input;
    }

    /**
     * Publishes {@code count} inputs at {@code perSecond} on a thread of its own; returns it running.
     * Publishes refused by back-pressure are counted in {@link #refused} and not remembered as sent.
     */
    Thread publishInBackground(long from, long count, int perSecond) {
        return Thread.ofPlatform().name("chaos-publisher").start(() -> {
            try {
                FixedRate.run(count, perSecond, 0, (i, intended) -> {
                    if (stopPublishing) {
                        throw new StopPublishing();
                    }
                    try {
                        publish(from + i);
                    } catch (dev.nautilus.bus.BusBackpressureException e) {
                        refused.incrementAndGet();
                    }
                });
            } catch (StopPublishing e) {
                // told to stop before the count
            } catch (Exception e) {
                throw new IllegalStateException("publisher failed: " + e.getMessage(), e);
            }
        });
    }

    final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    private volatile boolean stopPublishing;

    /** Ends the background publisher before its count; returns once it has stopped. */
    void stopPublishing(Thread publishing) throws InterruptedException {
        stopPublishing = true;
        publishing.join();
    }

    private static final class StopPublishing extends RuntimeException {
        StopPublishing() {
            super(null, null, false, false);
        }
    }

    /** The MarketData inputs stream. */
    String inputs() {
        return ChaosBus.streamOf(publisher, MessageType.MARKET_DATA);
    }

    /** Inputs the group has read so far ({@code XINFO GROUPS} entries-read; 0 before its first read). */
    long inputsRead() {
        if (marketDataRedis().exists(inputs()) == 0) {
            return 0;
        }
        return GroupInfo.fromXinfoGroups(marketDataRedis().xinfoGroups(inputs())).stream()
                .filter(group -> group.name().equals(GROUP))
                .findFirst()
                .map(group -> group.entriesRead().orElse(0))
                .orElse(0L);
    }

    /** The group's pending entries on the inputs stream. */
    PendingMessages pending() {
        return marketDataRedis().xpending(inputs(), GROUP);
    }

    /** Pending entries owned by {@code consumer}. */
    long pendingOf(String consumer) {
        Long n = pending().getConsumerMessageCount().get(consumer);
        return n == null ? 0 : n;
    }

    /** Every sent input has an effect and nothing is pending. */
    boolean whole() {
        return ledger.effects() >= sent.size() && pending().getCount() == 0;
    }

    /**
     * Waits until {@code ledger} holds an effect for every one of {@code expected} ids and nothing
     * is pending, for as long as effects keep coming: a loaded machine drains slowly, which is not a
     * loss. Returns the ms it took, or -1 once no effect came for {@link #STALL}.
     */
    long drain(EffectLedger ledger, long expected) throws InterruptedException {
        long start = System.nanoTime();
        long seen = -1;
        long lastProgress = start;
        while (System.nanoTime() - lastProgress < STALL.toNanos()) {
            long effects = ledger.effects();
            if (effects >= expected && pending().getCount() == 0) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (effects > seen) {
                seen = effects;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** How long a drain may go without a new effect before what is missing counts as lost. */
    static final Duration STALL = Duration.ofSeconds(30);

    /** Polls {@code condition} every 50 ms; returns the ms it took, or -1 after {@code timeout}. */
    static long await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        for (ChildJvm child : children) {
            child.close();
        }
        publisher.close();
        ledger.close();
        verify.close();
        engineLogic.close();
        marketDataServer.close();
    }
}

package dev.nautilus.bench.chaos;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.testkit.RedisServer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code group-destroyed}: a group consumes a stream of 100,000 entries, an operator runs
 * {@code XGROUP DESTROY} under its running reader, and more is published. The bus recreates the
 * group after its last acknowledged entry (the position written with its acknowledgements), not at
 * 0. Promise: redeliveries 0. Deliveries are counted by id.
 */
final class GroupDestroyedScenario implements ChaosScenario {

    private static final String GROUP = "features";

    @Override
    public String name() {
        return "group-destroyed";
    }

    @Override
    public String description() {
        return "XGROUP DESTROY under a running reader of a stream of 100,000 consumed entries: redeliveries 0";
    }

    @Override
    public ChaosResult run(ChaosOptions options) throws Exception {
        int consumed = options.shortForm() ? 20_000 : 100_000;
        int after = 100;
        try (RedisServer md = RedisServer.start();
                RedisServer el = RedisServer.start();
                DualMessageBus bus =
                        ChaosBus.dual(md.url(), el.url(), "platform", ChaosRig.CLAIM_IDLE, ChaosRig.COMMAND_TIMEOUT)) {
            Map<String, Integer> deliveries = new ConcurrentHashMap<>();
            bus.subscribe(
                    ChaosBus.spec(GROUP, "features-1", MessageType.MARKET_DATA),
                    m -> deliveries.merge(m.id(), 1, Integer::sum));
            String stream = ChaosBus.streamOf(bus, MessageType.MARKET_DATA);
            String state = "nautilus:marketdata:groups:" + GROUP;
            publish(bus, 0, consumed);
            require(
                    ChaosRig.await(
                            Duration.ofSeconds(120),
                            () -> deliveries.size() == consumed
                                    && md.redis().xpending(stream, GROUP).getCount() == 0),
                    "the group did not consume the stream");
            // The position goes out with the last acknowledgements.
            String lastId = md.redis()
                    .xrevrange(stream, Range.create("-", "+"), Limit.from(1))
                    .getFirst()
                    .getId();
            require(
                    ChaosRig.await(
                            Duration.ofSeconds(10),
                            () -> lastId.equals(md.redis().hget(state, stream))),
                    "the group's position was not recorded");

            boolean destroyed = md.redis().xgroupDestroy(stream, GROUP);
            long destroyedAt = System.nanoTime();
            publish(bus, consumed, consumed + after);
            long recoveryMs = ChaosRig.await(Duration.ofSeconds(30), () -> deliveries.size() == consumed + after);
            if (recoveryMs >= 0) {
                recoveryMs = (System.nanoTime() - destroyedAt) / 1_000_000;
            }
            Thread.sleep(1_000);
            long redelivered =
                    deliveries.values().stream().mapToLong(n -> n - 1).sum();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("consumed_before_destroy", consumed);
            figures.put("published_after_destroy", after);
            figures.put("group_destroyed", destroyed);
            figures.put("redelivered", redelivered);
            long published = consumed + after;
            return new ChaosResult(
                    name(),
                    options.shortForm(),
                    published,
                    deliveries.size(),
                    published - deliveries.size(),
                    redelivered,
                    recoveryMs,
                    destroyed && redelivered == 0 && deliveries.size() == published && recoveryMs >= 0,
                    figures);
        }
    }

    private static void publish(DualMessageBus bus, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            ChaosBus.publishPatiently(bus, ChaosBus.input(i));
        }
        if (!((RedisTransport) bus.transport(Bus.MARKETDATA)).awaitPublished(Duration.ofSeconds(60))) {
            throw new IllegalStateException("publishes not written within 60 s");
        }
    }

    static void require(long awaitedMs, String otherwise) {
        if (awaitedMs < 0) {
            throw new IllegalStateException(otherwise);
        }
    }
}

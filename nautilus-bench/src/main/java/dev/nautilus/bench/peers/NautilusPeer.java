package dev.nautilus.bench.peers;

import dev.nautilus.bench.redis.Drain;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisTransport;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Nautilus's Redis transport, as the throughput bench drives it: one publisher publishing a burst
 * of market data, one consumer group whose handler counts each message, the transport
 * acknowledging it after the handler returned. {@code tuning} varies the configuration for a
 * second Nautilus row (entry packing, when a build has it).
 */
public record NautilusPeer(String name, int messages, UnaryOperator<RedisBusConfig> tuning) implements Peer {

    /** The row of the transport as configured by default: one stream entry per message. */
    public static final String NAME = "nautilus";

    /** The row of the transport with entry packing ({@code bus.packed_types}). */
    public static final String PACKED = "nautilus packed";

    /** The topic and source of every message the row publishes. */
    static final String TOPIC = "market_data.trade.BTCUSD";

    static final String SOURCE = "marketdata";

    @Override
    public PeerRow measure(RedisServer redis, PeerPayload payload) throws Exception {
        int warmup = Peer.warmup(messages);
        AtomicLong handled = new AtomicLong();
        RedisBusConfig config = tuning.apply(RedisBusConfig.defaults(redis.url(), "peers")
                // the whole burst is published before the group catches up; with the default cap
                // (100,000) XADD would trim entries the group has not read yet
                .withStreamMaxLen(messages + 100_000L)
                .withMaxBufferedWhileDown(messages + 100_000));
        try (RedisTransport transport = new RedisTransport(Bus.MARKETDATA, RoutingTable.defaults(), config)) {
            transport.subscribe(
                    new SubscriptionSpec(
                            "peers", "peers-1", List.of("market_data.*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> handled.incrementAndGet());
            publishAndDrain(transport, redis, payload, warmup, handled);
            handled.set(0);
            CostMeter meter = CostMeter.start(redis);
            publishAndDrain(transport, redis, payload, messages, handled);
            return meter.jvmRow(name, messages);
        }
    }

    private static void publishAndDrain(
            RedisTransport transport, RedisServer redis, PeerPayload payload, int count, AtomicLong handled)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            transport.publish(Message.builder(MessageType.MARKET_DATA, TOPIC)
                    .source(SOURCE)
                    .payload(payload.tick())
                    .build());
        }
        transport.awaitPublished(Duration.ofMinutes(2));
        String stream = transport.streamOf(MessageType.MARKET_DATA);
        Drain.await(
                handled,
                count,
                () -> redis.redis().xpending(stream, "peers").getCount() == 0,
                () -> "pending " + redis.redis().xpending(stream, "peers").getCount());
    }
}

package dev.nautilus.bench.peers;

import dev.nautilus.bench.redis.Drain;
import dev.nautilus.bus.Json;
import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;
import org.springframework.data.redis.stream.Subscription;

/**
 * Spring Data Redis on Lettuce, the usual Java way: {@code RedisTemplate.opsForStream().add} per
 * message ({@code MAXLEN ~}), a {@link StreamMessageListenerContainer} reading with a consumer
 * group, and the listener acknowledging each record after handling it (not {@code receiveAutoAck},
 * which acknowledges on reading). The payload is serialised per message, as Nautilus's is.
 */
public record SpringDataRedisPeer(int messages) implements Peer {

    public static final String NAME = "spring-data-redis";

    private static final String STREAM = "spring:market_data";
    private static final String GROUP = "peers";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PeerRow measure(RedisServer redis, PeerPayload payload) throws Exception {
        LettuceConnectionFactory factory =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        factory.afterPropertiesSet();
        factory.start();
        StreamMessageListenerContainer<String, MapRecord<String, String, String>> container = null;
        Subscription subscription = null;
        // an error while measuring fails the row; the one a poll in flight meets at shutdown does not
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            template.opsForStream().createGroup(STREAM, ReadOffset.from("0"), GROUP);
            container = StreamMessageListenerContainer.create(
                    factory,
                    StreamMessageListenerContainerOptions.builder()
                            .pollTimeout(POLL_TIMEOUT)
                            .batchSize(100)
                            .errorHandler(e -> {
                                if (!stopping.get()) {
                                    failure.compareAndSet(null, e);
                                }
                            })
                            .build());
            AtomicLong handled = new AtomicLong();
            subscription = container.receive(
                    Consumer.from(GROUP, "spring-1"),
                    StreamOffset.create(STREAM, ReadOffset.lastConsumed()),
                    record -> {
                        handled.incrementAndGet();
                        template.opsForStream().acknowledge(GROUP, record);
                    });
            container.start();
            if (!subscription.await(Duration.ofSeconds(10))) {
                throw new IllegalStateException("the Spring listener container did not start reading within 10 s");
            }
            XAddOptions trim = XAddOptions.maxlen(messages + 100_000L).approximateTrimming(true);
            publishAndDrain(template, trim, payload, Peer.warmup(messages), handled, failure);
            handled.set(0);
            CostMeter meter = CostMeter.start(redis);
            publishAndDrain(template, trim, payload, messages, handled, failure);
            return meter.jvmRow(name(), messages);
        } finally {
            stopping.set(true);
            if (container != null) {
                container.stop();
                awaitInactive(subscription);
            }
            factory.destroy();
        }
    }

    private static void publishAndDrain(
            StringRedisTemplate template,
            XAddOptions trim,
            PeerPayload payload,
            int count,
            AtomicLong handled,
            AtomicReference<Throwable> failure)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            template.opsForStream()
                    .add(
                            STREAM,
                            Map.of(
                                    "type", "MARKET_DATA",
                                    "source", "marketdata",
                                    "payload", Json.write(payload.tick())),
                            trim);
        }
        Drain.await(
                handled,
                count,
                () -> {
                    if (failure.get() != null) {
                        throw new IllegalStateException(
                                "the Spring listener container failed: " + failure.get(), failure.get());
                    }
                    return template.opsForStream().pending(STREAM, GROUP).getTotalPendingMessages() == 0;
                },
                () -> "pending "
                        + template.opsForStream().pending(STREAM, GROUP).getTotalPendingMessages());
    }

    /** Waits for the container's poll in flight (at most one poll timeout) before its connection closes. */
    private static void awaitInactive(Subscription subscription) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (subscription != null && subscription.isActive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(POLL_TIMEOUT.toMillis() + 50);
    }
}

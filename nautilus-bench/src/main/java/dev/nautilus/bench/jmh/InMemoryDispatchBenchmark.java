package dev.nautilus.bench.jmh;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Payload;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.memory.PaddedCounts;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-memory publish → handler throughput, one publisher thread and one subscriber (a pattern
 * subscription), beside the baseline of a plain {@link ArrayBlockingQueue} hand-off between two
 * threads measured in the same run. Each operation is one message handed over and handled:
 * {@code nautilusInMemoryBus} builds a fresh message per publish (id, clock read, validation),
 * {@code nautilusInMemoryBusPrebuilt} republishes one instance, as the queue baseline does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InMemoryDispatchBenchmark {

    /** Messages per benchmark invocation. */
    public static final int BATCH = 10_000;

    /** The Nautilus in-memory bus with one pattern subscriber counting what it handles. */
    @State(Scope.Benchmark)
    public static class BusState {
        MessageBus bus;
        /** Alone on its cache line: a plain {@code AtomicLong} beside the state the publisher reads stalled it. */
        final PaddedCounts handled = new PaddedCounts(1);

        final Payload payload = Payload.of(new Tick("BTCUSD", 812.5, 0.25));
        Message prebuilt;
        long expected;

        @Setup(Level.Trial)
        public void open() {
            bus = InMemoryTransport.dualBus();
            bus.subscribe(
                    new SubscriptionSpec(
                            "features",
                            "features-1",
                            List.of("market_data.trade.*"),
                            EnumSet.of(MessageType.MARKET_DATA)),
                    m -> handled.increment(0));
            prebuilt = Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                    .source("marketdata")
                    .payload(payload)
                    .build();
        }

        @TearDown(Level.Trial)
        public void close() {
            bus.close();
        }
    }

    /** A plain ArrayBlockingQueue with a consumer thread: the baseline. */
    @State(Scope.Benchmark)
    public static class QueueState {
        ArrayBlockingQueue<Object> queue;
        Thread consumer;
        /** Alone on its cache line: a plain {@code AtomicLong} beside the state the publisher reads stalled it. */
        final PaddedCounts handled = new PaddedCounts(1);

        final Object item = new Tick("BTCUSD", 812.5, 0.25);
        long expected;

        @Setup(Level.Trial)
        public void open() {
            queue = new ArrayBlockingQueue<>(1 << 16);
            consumer = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        queue.take();
                        handled.increment(0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @TearDown(Level.Trial)
        public void close() {
            consumer.interrupt();
        }
    }

    /** The payload both paths carry. */
    public record Tick(String instrument, double price, double size) {}

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void nautilusInMemoryBus(BusState state) {
        for (int i = 0; i < BATCH; i++) {
            state.bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                    .source("marketdata")
                    .payload(state.payload)
                    .build());
        }
        state.expected += BATCH;
        awaitHandled(state.handled, state.expected);
    }

    /** Dispatch alone: the same message instance published again and again, as the queue baseline does. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void nautilusInMemoryBusPrebuilt(BusState state) {
        for (int i = 0; i < BATCH; i++) {
            state.bus.publish(state.prebuilt);
        }
        state.expected += BATCH;
        awaitHandled(state.handled, state.expected);
    }

    /**
     * The queue handing over a fresh object per put, as a user's own queue of their own messages
     * would: what creating an object on one core and reading it on another costs, the bus aside.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueueFreshItem(QueueState state) throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            state.queue.put(new Tick("BTCUSD", 812.5 + i, 0.25));
        }
        state.expected += BATCH;
        awaitHandled(state.handled, state.expected);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueueBaseline(QueueState state) throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            state.queue.put(state.item);
        }
        state.expected += BATCH;
        awaitHandled(state.handled, state.expected);
    }

    /** Spins until the consumer has handled {@code expected} in all: the batch is measured handed over, not just offered. */
    private static void awaitHandled(PaddedCounts handled, long expected) {
        while (handled.get(0) < expected) {
            Thread.onSpinWait();
        }
    }
}

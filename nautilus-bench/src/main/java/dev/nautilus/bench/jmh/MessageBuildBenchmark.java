package dev.nautilus.bench.jmh;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.MicroClock;
import dev.nautilus.bus.Payload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** What building a fresh message costs a publisher, beside its parts: the clock read alone. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MessageBuildBenchmark {

    private final Payload payload = Payload.of(new InMemoryDispatchBenchmark.Tick("BTCUSD", 812.5, 0.25));

    @Benchmark
    public Message freshMessage() {
        return Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                .source("marketdata")
                .payload(payload)
                .build();
    }

    @Benchmark
    public long clockRead() {
        return MicroClock.nowMicros();
    }
}

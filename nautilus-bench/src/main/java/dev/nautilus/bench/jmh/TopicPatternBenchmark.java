package dev.nautilus.bench.jmh;

import dev.nautilus.bus.TopicPattern;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Cost of one topic-pattern match, per kind of pattern (the bus caches results per topic). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TopicPatternBenchmark {

    private final String topic = "strategy.signal.ma_cross.BTCUSD";
    private final TopicPattern exact = TopicPattern.compile("strategy.signal.ma_cross.BTCUSD");
    private final TopicPattern prefix = TopicPattern.compile("strategy.*");
    private final TopicPattern glob = TopicPattern.compile("*.signal.*.BTC???");
    private final TopicPattern globMiss = TopicPattern.compile("*.signal.*.ETH???");

    @Benchmark
    public boolean exactTopic() {
        return exact.matches(topic);
    }

    @Benchmark
    public boolean prefixStar() {
        return prefix.matches(topic);
    }

    @Benchmark
    public boolean globHit() {
        return glob.matches(topic);
    }

    @Benchmark
    public boolean globMiss() {
        return globMiss.matches(topic);
    }
}

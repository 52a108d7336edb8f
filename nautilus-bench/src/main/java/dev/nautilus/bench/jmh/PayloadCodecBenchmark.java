package dev.nautilus.bench.jmh;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nautilus.bench.redis.RedisThroughputBench.Tick;
import dev.nautilus.bus.Json;
import dev.nautilus.bus.Payload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What a 256-byte payload costs a transport, per form: serialised on publish (to text then
 * UTF-8, or straight to bytes by Jackson's own UTF-8 writer; {@link Payload#utf8()} takes the
 * first), and checked on receipt (Jackson's token scan of the decoded text,
 * as the reader did before, against the one-pass check of the bytes that {@link Payload#utf8}
 * does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadCodecBenchmark {

    private static final ObjectMapper JACKSON = JsonMapper.builder().build();

    private final Tick tick = Tick.ofJsonSize(256);
    private final byte[] received = Json.write(tick).getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public byte[] publishTextThenUtf8() {
        return Json.write(tick).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] publishStraightToBytes() throws IOException {
        return JACKSON.writeValueAsBytes(tick);
    }

    @Benchmark
    public ByteBuffer publishAsPayload() {
        return Payload.of(tick).utf8();
    }

    @Benchmark
    public boolean receiveJacksonTokenScan() throws IOException {
        String text = new String(received, StandardCharsets.UTF_8);
        try (JsonParser parser = JACKSON.createParser(text)) {
            parser.nextToken();
            parser.skipChildren();
            return parser.nextToken() == null;
        }
    }

    @Benchmark
    public Payload receiveCheckedBytes() {
        return Payload.utf8(received);
    }
}

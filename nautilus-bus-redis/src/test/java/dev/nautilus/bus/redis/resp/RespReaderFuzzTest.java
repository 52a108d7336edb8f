package dev.nautilus.bus.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.FuzzCorpus;
import dev.nautilus.bus.Fuzzer;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import io.lettuce.core.RedisCommandExecutionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the RESP reader (issue #14): for any bytes, reading them as an {@code XREADGROUP} reply
 * returns entries or throws the reader's own exceptions ({@link IOException}: malformed, or ended
 * early; {@link RedisCommandExecutionException}: an error reply), nothing else, within a time
 * bound, allocating no more than a constant (the reader's 64 KiB buffer and the like) plus a small
 * multiple of the input's size; each entry returned then decodes or is refused as malformed, and
 * its dead-letter body can be taken. Inputs: XREADGROUP replies built from random entries (values
 * short, over their bounds, not UTF-8, nil), those replies cut, overwritten and spliced with RESP
 * headers announcing huge or negative counts, and random bytes. The committed corpus
 * ({@code fuzz/resp-corpus.txt}) runs too. Each target is bounded by {@link Fuzzer}'s budget.
 */
class RespReaderFuzzTest {

    private static final long BOUND_MILLIS = 250;
    private static final long ALLOCATION_CONSTANT = 512 * 1024;
    private static final long ALLOCATION_PER_INPUT_BYTE = 64;
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String[] NAMES = {
        "message_type",
        "source_engine",
        "payload",
        "priority",
        "timestamp",
        "id",
        "topic",
        "correlation_id",
        "reply_to",
        "x"
    };
    private static final String[] GOOD_VALUES = {
        "price_update", "md", "{}", "normal", "1732300000.5", "m-1", "a.b", "c", "r.s", "v"
    };
    private static final String[] SPLICES = {
        "*16777216\r\n",
        "*16777217\r\n",
        "*-1\r\n",
        "*-2\r\n",
        "*0\r\n",
        "$536870912\r\n",
        "$536870913\r\n",
        "$-1\r\n",
        "$-5\r\n",
        "$2147483648\r\n",
        "-ERR x\r\n",
        ":99999999999999999999\r\n",
        "+OK\r\n",
        "\r\n",
        "\r",
        "*2\r\n",
        "$3\r\n",
        "*129\r\n"
    };

    /** Classes loaded (the JSON mapper's is megabytes) and the JIT done before anything is measured. */
    @BeforeAll
    static void warmUp() throws Exception {
        byte[] good = FuzzCorpus.lines("/fuzz/resp-corpus.txt").get(2);
        for (int i = 0; i < 2000; i++) {
            for (RawStreamEntry entry :
                    StreamEntriesReply.read(new RespReader(new ByteArrayInputStream(good)), CODEC.limits())) {
                CODEC.decode(entry, entry.id());
            }
        }
    }

    @Test
    void theCommittedCorpusIsReadOrRefusedWithinItsBounds() {
        List<byte[]> corpus = FuzzCorpus.lines("/fuzz/resp-corpus.txt");
        assertThat(corpus).hasSizeGreaterThan(30);
        Fuzzer.corpus(
                "XREADGROUP reply reader",
                corpus,
                RespReaderFuzzTest::readsOrRefusesWithinBounds,
                RespReaderFuzzTest::describe);
        Fuzzer.corpus(
                "RESP reply skipper",
                corpus,
                RespReaderFuzzTest::skipsOrRefusesWithinBounds,
                RespReaderFuzzTest::describe);
    }

    @Test
    void anyBytesAreReadAsEntriesOrRefusedWithinBounds() {
        Fuzzer.generated(
                "XREADGROUP reply reader",
                10_000_000,
                RespReaderFuzzTest::wire,
                RespReaderFuzzTest::readsOrRefusesWithinBounds,
                RespReaderFuzzTest::describe);
    }

    @Test
    void anyBytesAreSkippedAsOneReplyOrRefusedWithinBounds() {
        Fuzzer.generated(
                "RESP reply skipper",
                10_000_000,
                RespReaderFuzzTest::wire,
                RespReaderFuzzTest::skipsOrRefusesWithinBounds,
                RespReaderFuzzTest::describe);
    }

    private static void readsOrRefusesWithinBounds(byte[] wire) {
        withinBounds(wire, () -> {
            List<RawStreamEntry> entries =
                    StreamEntriesReply.read(new RespReader(new ByteArrayInputStream(wire)), CODEC.limits());
            for (RawStreamEntry entry : entries) {
                try {
                    assertThat(CODEC.decode(entry, entry.id() == null ? "0-0" : entry.id())
                                    .id())
                            .isNotBlank();
                } catch (MalformedEnvelopeException refused) {
                    assertThat(refused.getMessage()).hasSizeLessThan(1200);
                }
                assertThat(entry.body()).isNotNull();
            }
        });
    }

    private static void skipsOrRefusesWithinBounds(byte[] wire) {
        withinBounds(wire, () -> new RespReader(new ByteArrayInputStream(wire)).skipWholeReply());
    }

    @FunctionalInterface
    private interface Read {
        void run() throws IOException;
    }

    private static void withinBounds(byte[] wire, Read read) {
        long thread = Thread.currentThread().threadId();
        long best = Long.MAX_VALUE;
        for (int attempt = 0;
                attempt < 3 && best >= BOUND_MILLIS;
                attempt++) { // a slow run is run again: a loaded machine
            long allocatedBefore = THREADS.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            try {
                read.run();
            } catch (IOException | RedisCommandExecutionException refused) {
                // the reader's own refusals
            }
            best = Math.min(best, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            long allocated = THREADS.getThreadAllocatedBytes(thread) - allocatedBefore;
            assertThat(allocated)
                    .as("bytes allocated for %d input bytes", wire.length)
                    .isLessThan(ALLOCATION_CONSTANT + ALLOCATION_PER_INPUT_BYTE * wire.length);
        }
        assertThat(best).as("ms to read").isLessThan(BOUND_MILLIS);
    }

    /** An input: a built reply, a damaged one, or random bytes. */
    private static byte[] wire(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> reply(random);
            case 3, 4, 5, 6 -> damaged(random, reply(random));
            default -> randomBytes(random, random.nextInt(200));
        };
    }

    private static byte[] reply(SplittableRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int streams = random.nextInt(3);
        ascii(out, "*" + streams + "\r\n");
        for (int s = 0; s < streams; s++) {
            ascii(out, "*2\r\n");
            bulk(out, ("s" + s).getBytes(StandardCharsets.UTF_8));
            int entries = random.nextInt(4);
            ascii(out, "*" + entries + "\r\n");
            for (int e = 0; e < entries; e++) {
                ascii(out, "*2\r\n");
                bulk(out, (e + "-0").getBytes(StandardCharsets.UTF_8));
                if (random.nextInt(10) == 0) {
                    ascii(out, "*-1\r\n");
                    continue;
                }
                int pairs = random.nextInt(20) == 0 ? 60 + random.nextInt(10) : random.nextInt(11);
                ascii(out, "*" + 2 * pairs + "\r\n");
                for (int p = 0; p < pairs; p++) {
                    int known = random.nextInt(NAMES.length);
                    bulk(
                            out,
                            random.nextInt(30) == 0
                                    ? randomBytes(random, 70)
                                    : NAMES[known].getBytes(StandardCharsets.UTF_8));
                    if (random.nextInt(25) == 0) {
                        ascii(out, "$-1\r\n");
                    } else {
                        bulk(out, value(random, known));
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static byte[] value(SplittableRandom random, int known) {
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes(random, random.nextInt(40)); // most likely not UTF-8
            case 1 -> "x".repeat(random.nextInt(5000)).getBytes(StandardCharsets.UTF_8); // over most bounds
            case 2 -> "9".repeat(random.nextInt(100)).getBytes(StandardCharsets.UTF_8);
            default -> GOOD_VALUES[known].getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] damaged(SplittableRandom random, byte[] reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int cut = reply.length == 0 ? 0 : random.nextInt(reply.length + 1);
        for (int i = 0; i < reply.length; i++) {
            if (i == cut && random.nextBoolean()) {
                ascii(out, SPLICES[random.nextInt(SPLICES.length)]);
            }
            if (i == cut && random.nextInt(3) == 0) {
                return out.toByteArray(); // ends early
            }
            out.write(random.nextInt(50) == 0 ? random.nextInt(256) : reply[i]);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        String resp = "*$:+-\r\n0123456789";
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (random.nextBoolean() ? resp.charAt(random.nextInt(resp.length())) : random.nextInt(256));
        }
        return bytes;
    }

    private static void bulk(ByteArrayOutputStream out, byte[] bytes) {
        ascii(out, "$" + bytes.length + "\r\n");
        out.writeBytes(bytes);
        ascii(out, "\r\n");
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String describe(byte[] wire) {
        return Fuzzer.describe(new String(wire, StandardCharsets.ISO_8859_1));
    }
}

package dev.nautilus.bus.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.FuzzCorpus;
import dev.nautilus.bus.Fuzzer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the envelope decoder (issue #14): for any fields, {@link EnvelopeCodec#decode} returns a
 * message or throws {@link MalformedEnvelopeException}, nothing else, within a time bound, with a
 * reason of bounded length. Generated envelopes start from a good one and replace some of its
 * fields with hostile texts: numbers of every form and length, long runs, any UTF-16, JSON-like
 * texts. The committed corpus ({@code fuzz/envelope-corpus.txt}) runs too. Each target is bounded
 * by {@link Fuzzer}'s budget (12 s).
 */
class EnvelopeCodecFuzzTest {

    /** Far above a bounded decode (well under a millisecond), far below the seconds of an unbounded one. */
    private static final long BOUND_MILLIS = 250;
    /** What a reason may be: a few short texts and an escaped sample of at most 120 characters. */
    private static final int MAX_REASON_CHARS = 1200;

    private static final String ABSENT = "(absent)";
    private static final String[] FIELDS = {
        "message_type",
        "source_engine",
        "payload",
        "priority",
        "timestamp",
        "id",
        "topic",
        "correlation_id",
        "reply_to",
        "other"
    };
    private static final String[] RUNS = {"a", "9", "[", "{", "\"", ".", " ", "\u20ac", "\u0000", "\ud83d\ude00", "e"};
    private static final String[] WORDS = {
        ABSENT,
        "",
        " ",
        "price_update",
        "urgent",
        "a.b",
        "{}",
        "1732300000.5",
        "1.7323E9",
        "9223372036854.775807",
        "9223372036854.775808",
        "-0",
        "\ud800"
    };

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    @BeforeAll
    static void warmUp() throws Exception {
        for (int i = 0; i < 2000; i++) { // timed tries measure the decoder, not class loading and the JIT
            CODEC.decode(EnvelopeBoundsTest.good(), "1-0");
        }
    }

    @Test
    void theCommittedCorpusDecodesOrIsRefusedWithinTheBound() {
        List<Map<String, String>> inputs = FuzzCorpus.lines("/fuzz/envelope-corpus.txt").stream()
                .map(line -> {
                    String[] parts = new String(line, StandardCharsets.UTF_8).split("\t", -1);
                    Map<String, String> changes = new HashMap<>();
                    for (int i = 0; i + 1 < parts.length; i += 2) {
                        changes.put(parts[i], parts[i + 1]);
                    }
                    return changes;
                })
                .toList();
        assertThat(inputs).hasSizeGreaterThan(50);
        Fuzzer.corpus(
                "envelope decoder",
                inputs,
                EnvelopeCodecFuzzTest::decodesOrRefusesInTime,
                EnvelopeCodecFuzzTest::describe);
    }

    @Test
    void anyFieldsDecodeOrAreRefusedWithinTheBound() {
        int tries = Fuzzer.generated(
                "envelope decoder",
                1_000_000,
                EnvelopeCodecFuzzTest::changes,
                EnvelopeCodecFuzzTest::decodesOrRefusesInTime,
                EnvelopeCodecFuzzTest::describe);
        assertThat(tries).isPositive();
    }

    @Test
    void anyTimestampParsesOrIsRefusedWithinTheBound() {
        Fuzzer.generated(
                "timestamp parser",
                10_000_000,
                EnvelopeCodecFuzzTest::number,
                text -> {
                    long took = best(() -> {
                        try {
                            assertThat(EnvelopeCodec.parseTimestamp(text)).isNotNegative();
                        } catch (MalformedEnvelopeException refused) {
                            assertThat(refused.field()).isEqualTo("timestamp");
                            assertThat(refused.getMessage()).hasSizeLessThan(MAX_REASON_CHARS);
                        }
                    });
                    assertThat(took).as("ms to parse").isLessThan(BOUND_MILLIS);
                },
                Fuzzer::describe);
    }

    private static void decodesOrRefusesInTime(Map<String, String> changes) {
        Map<String, String> fields = EnvelopeBoundsTest.good();
        changes.forEach((name, value) -> {
            if (ABSENT.equals(value)) {
                fields.remove(name);
            } else {
                fields.put(name, value);
            }
        });
        long took = best(() -> {
            try {
                assertThat(CODEC.decode(fields, "1-0").id()).isNotBlank();
            } catch (MalformedEnvelopeException refused) {
                // the reason goes to logs and dead letters: bounded whatever the input
                assertThat(refused.getMessage()).hasSizeLessThan(MAX_REASON_CHARS);
            }
        });
        assertThat(took).as("ms to decode").isLessThan(BOUND_MILLIS);
    }

    /**
     * Milliseconds of the quickest of up to three runs: a slow run is run again before it counts,
     * since on a loaded machine a thread can lose its core for longer than the bound.
     */
    private static long best(Runnable run) {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3 && best >= BOUND_MILLIS; attempt++) {
            long start = System.nanoTime();
            run.run();
            best = Math.min(best, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return best;
    }

    private static Map<String, String> changes(SplittableRandom random) {
        Map<String, String> changes = new HashMap<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            changes.put(FIELDS[random.nextInt(FIELDS.length)], hostileText(random));
        }
        return changes;
    }

    private static String hostileText(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> number(random);
            case 3, 4 ->
                RUNS[random.nextInt(RUNS.length)].repeat(random.nextInt(random.nextBoolean() ? 2000 : 1_200_000));
            case 5, 6 -> text(random, "[]{}\":,0123456789.eE-truefalsn ", random.nextInt(300));
            case 7, 8 -> anyUtf16(random, random.nextInt(2000));
            default -> WORDS[random.nextInt(WORDS.length)];
        };
    }

    private static String number(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> text(random, "0123456789.eE+- ", random.nextInt(41));
            case 2 ->
                text(random, "0123456789", 1 + random.nextInt(20))
                        + new String[] {"e", "E", "e-", "E+"}[random.nextInt(4)]
                        + random.nextInt(1_000_000_000);
            case 3 -> "9".repeat(1 + random.nextInt(200_000));
            case 4 -> anyUtf16(random, random.nextInt(64));
            default -> WORDS[random.nextInt(WORDS.length)];
        };
    }

    private static String text(SplittableRandom random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Any UTF-16 units, lone surrogates included. */
    private static String anyUtf16(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
        }
        return text.toString();
    }

    private static String describe(Map<String, String> changes) {
        StringBuilder out = new StringBuilder();
        changes.forEach((name, value) ->
                out.append(name).append('=').append(Fuzzer.describe(value)).append(' '));
        return out.toString().trim();
    }
}

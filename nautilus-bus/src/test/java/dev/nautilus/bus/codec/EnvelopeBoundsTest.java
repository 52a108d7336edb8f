package dev.nautilus.bus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Payload;
import dev.nautilus.bus.PayloadException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Envelopes written to be expensive are refused within a bound (issue #14). Decode times of these
 * inputs before the bounds, on the build machine: {@code timestamp=1e999999} 0.5 s,
 * {@code 1e9999999} seconds, a million-digit timestamp 33 s, a 10,000-decimal one 3 ms (accepted);
 * after: each well under a millisecond once warm.
 */
class EnvelopeBoundsTest {

    /** Generous for a loaded machine; the worst of these took seconds before. */
    private static final long BOUND_MILLIS = 10;

    private final EnvelopeCodec codec = new EnvelopeCodec();

    /** A good envelope's fields, for a test to spoil one at a time (the fuzz target shares it). */
    static Map<String, String> good() {
        Map<String, String> fields = new HashMap<>();
        fields.put("message_type", "price_update");
        fields.put("source_engine", "marketdata");
        fields.put("payload", "{\"p\":1}");
        fields.put("priority", "normal");
        fields.put("timestamp", "1732300000.5");
        fields.put("id", "m-1");
        fields.put("topic", "price.update.BTCUSD");
        return fields;
    }

    static Stream<Arguments> crafted() {
        return Stream.of(
                Arguments.of("timestamp", "1e999999", "not a decimal number"),
                Arguments.of("timestamp", "1e9999999", "not a decimal number"),
                Arguments.of("timestamp", "1E-999999999", "not a decimal number"),
                Arguments.of("timestamp", "9".repeat(10_000), "over the limit of 32"),
                Arguments.of("timestamp", "1." + "1".repeat(10_000), "over the limit of 32"),
                Arguments.of("timestamp", "1".repeat(1_000_000), "over the limit of 32"),
                Arguments.of("timestamp", "1e99", "not a decimal number"), // 10^105 microseconds: beyond a long
                Arguments.of("topic", "a".repeat(1 << 20), "over the limit of 1024"),
                Arguments.of("message_type", "a".repeat(1 << 20), "over the limit of 64"),
                Arguments.of("priority", "n".repeat(1 << 20), "over the limit of 32"),
                Arguments.of("id", "i".repeat(1 << 20), "over the limit of 128"),
                Arguments.of("reply_to", "r".repeat(1 << 20), "over the limit of 1024"),
                Arguments.of("correlation_id", "c".repeat(1 << 20), "over the limit of 128"),
                Arguments.of("source_engine", "s".repeat(1 << 20), "over the limit of 256"),
                Arguments.of("payload", "[" + "9".repeat(10_000) + "]", "a number longer than 256 characters"),
                Arguments.of("payload", "[".repeat(100_000) + "]".repeat(100_000), "nesting depth"),
                Arguments.of("payload", "x".repeat(2 << 20), "over the limit of 1048576"));
    }

    @ParameterizedTest(name = "{0} crafted ({2})")
    @MethodSource("crafted")
    void aCraftedFieldIsRefusedWithinTheBound(String field, String value, String reason) {
        Map<String, String> fields = good();
        fields.put(field, value);
        long best = Long.MAX_VALUE;
        // The best of twenty: the first runs pay for class loading and, for the million-character
        // values, for the scan running before the JIT has compiled it (on this 2-core VM the best of
        // five was 10-16 ms now and then); what the bound catches is work that grows faster than
        // the value (a BigDecimal of 1e999999 takes seconds), which no number of runs hides.
        for (int run = 0; run < 20; run++) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> codec.decode(fields, "1-0"))
                    .isInstanceOf(MalformedEnvelopeException.class)
                    .hasMessageContaining("'" + field + "'")
                    .hasMessageContaining(reason);
            best = Math.min(best, System.nanoTime() - start);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(best))
                .as("decode time of the crafted %s, ms", field)
                .isLessThan(BOUND_MILLIS);
    }

    @Test
    void aRefusedValueIsEscapedAndCutInTheReason() throws Exception {
        Map<String, String> fields = good();
        fields.put("message_type", "evil\u001b[31m\nline" + "x".repeat(40));
        assertThatThrownBy(() -> codec.decode(fields, "1-0"))
                .hasMessageContaining("unknown message type 'evil\\u001b[31m\\u000aline")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\u001b");
        fields.put("message_type", "price_update");
        fields.put("topic", "bad topic" + "y".repeat(500));
        assertThatThrownBy(() -> codec.decode(fields, "1-0"))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300))
                .hasMessageContaining("(509 chars)");
    }

    /** Found by the fuzz target: a reason repeats at most 120 characters, each escaped to at most six. */
    @Test
    void aReasonIsBoundedForNonAsciiTextsToo() {
        String cjk = "\u9144".repeat(32);
        assertThatThrownBy(() -> EnvelopeCodec.parseTimestamp(cjk))
                .hasMessageContaining("\\u9144")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(32 * 6 + 200));
        Map<String, String> fields = good();
        fields.put("message_type", "\u0000".repeat(64));
        assertThatThrownBy(() -> codec.decode(fields, "1-0"))
                .satisfies(e ->
                        assertThat(e.getMessage()).hasSizeLessThan(dev.nautilus.bus.Printable.MAX_CHARS * 6 + 200));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1732300000",
                "1732300000.123456",
                "1.7323E9",
                "17323E+5",
                "1.5e-2",
                " 1732300000.5 ",
                "+1.5",
                ".5",
                "5."
            })
    void decimalsOfTheUsualFormsStillParse(String text) throws Exception {
        assertThat(EnvelopeCodec.parseTimestamp(text)).isNotNegative();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e100",
                "1e",
                "e5",
                "1.2.3",
                "--1",
                "0x10",
                "1_000",
                "NaN",
                "Infinity",
                "1e+",
                ".",
                "-",
                "1 2",
                "١٢٣"
            })
    void otherFormsAreRefusedBeforeAnyParse(String text) {
        assertThatThrownBy(() -> EnvelopeCodec.parseTimestamp(text))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("not a decimal number");
    }

    @Test
    void aMessageOverTheLimitsIsRefusedAtEncodeSoThatNothingPublishedIsRefusedOnRead() {
        Message longTopic = Message.builder(MessageType.MARKET_DATA, "t." + "a".repeat(1100))
                .source("test")
                .build();
        assertThatThrownBy(() -> codec.encode(longTopic))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("field 'topic'")
                .hasMessageContaining("over the limit of 1024");
        Message longId = Message.builder(MessageType.MARKET_DATA, "t.a")
                .id("i".repeat(129))
                .source("test")
                .build();
        assertThatThrownBy(() -> codec.encode(longId))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("field 'id'");
        Message atTheLimits = Message.builder(MessageType.MARKET_DATA, "t." + "a".repeat(1022))
                .id("i".repeat(128))
                .source("s".repeat(256))
                .correlationId("c".repeat(128))
                .replyTo("r." + "b".repeat(1022))
                .build();
        assertThat(codec.encode(atTheLimits)).containsEntry("id", "i".repeat(128));
    }

    @Test
    void payloadJsonIsHeldToExplicitReadConstraints() {
        assertThat(Payload.json("[".repeat(256) + "]".repeat(256)).json()).hasSize(512);
        assertThatThrownBy(() -> Payload.json("[".repeat(257) + "]".repeat(257)))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("nesting depth");
        assertThat(Payload.json("[" + "1".repeat(256) + "]").json()).hasSize(258);
        assertThatThrownBy(() -> Payload.json("[" + "1".repeat(257) + "]").tree())
                .isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> Payload.json("{\"" + "k".repeat(4097) + "\":1}"))
                .isInstanceOf(PayloadException.class);
    }

    @Test
    void theLimitsOfEachField() {
        EnvelopeLimits limits = new EnvelopeLimits(5000);
        assertThat(limits.maxValueBytes("payload")).isEqualTo(5000);
        assertThat(limits.maxValueBytes("topic".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo(1024);
        assertThat(limits.maxValueBytes("timestamp")).isEqualTo(32);
        assertThat(limits.maxValueBytes("trace")).isEqualTo(4096);
        List<String> names = new java.util.ArrayList<>(EnvelopeField.ALL);
        names.addAll(List.of(PackedField.PACKED, PackedField.PACKED_BODY, "reply_tx", ""));
        for (String name : names) {
            byte[] wire = ("xx" + name).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(limits.maxValueBytes(wire, 2, name.length())).as(name).isEqualTo(limits.maxValueBytes(name));
        }
        assertThat(EnvelopeLimits.bytesOver("€".repeat(400), 1024)).isEqualTo(1200);
        assertThat(EnvelopeLimits.bytesOver("€".repeat(341), 1024)).isEqualTo(-1);
        assertThat(EnvelopeLimits.bytesOver("a".repeat(1025), 1024)).isEqualTo(1025);
    }
}

package dev.nautilus.bus.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.PayloadException;
import dev.nautilus.bus.Priority;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

    record Trade(String instrument, double price, double size) {}

    private final EnvelopeCodec codec = new EnvelopeCodec(1024);

    private Message sample() {
        return Message.builder(MessageType.PRICE_UPDATE, "price.update.BTCUSD")
                .id("abc-1")
                .source("marketdata")
                .priority(Priority.HIGH)
                .timestampMicros(1_732_300_000_123_456L)
                .payload(new Trade("BTCUSD", 812.5, 0.25))
                .correlationId("req-9")
                .build();
    }

    @Test
    void encodesTheSeedFieldsInTheSeedFormatPlusOurs() {
        Map<String, String> fields = codec.encode(sample());
        assertThat(fields)
                .containsExactly(
                        Map.entry("message_type", "price_update"),
                        Map.entry("source_engine", "marketdata"),
                        Map.entry("payload", "{\"instrument\":\"BTCUSD\",\"price\":812.5,\"size\":0.25}"),
                        Map.entry("priority", "high"),
                        Map.entry("timestamp", "1732300000.123456"),
                        Map.entry("id", "abc-1"),
                        Map.entry("topic", "price.update.BTCUSD"),
                        Map.entry("correlation_id", "req-9"));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Message original = sample();
        Message decoded = codec.decode(codec.encode(original), "ignored");
        assertThat(decoded.id()).isEqualTo("abc-1");
        assertThat(decoded.type()).isEqualTo(MessageType.PRICE_UPDATE);
        assertThat(decoded.topic()).isEqualTo("price.update.BTCUSD");
        assertThat(decoded.sourceEngine()).isEqualTo("marketdata");
        assertThat(decoded.priority()).isEqualTo(Priority.HIGH);
        assertThat(decoded.timestampMicros()).isEqualTo(1_732_300_000_123_456L);
        assertThat(decoded.correlationId()).isEqualTo("req-9");
        assertThat(decoded.replyTo()).isNull();
        assertThat(decoded.payloadAs(Trade.class)).isEqualTo(new Trade("BTCUSD", 812.5, 0.25));
    }

    @Test
    void readsWhatASeedStylePythonPublisherWrites() throws Exception {
        // What redis-py stores for the seed's DualMessageBusClient.publish_message: five fields,
        // timestamp as str(time.time()), no id, no topic.
        Map<String, String> seed = Map.of(
                "message_type", "risk_metric",
                "source_engine", "risk",
                "payload", "{\"var_95\": 1234.5, \"breach\": true}",
                "priority", "urgent",
                "timestamp", "1724680000.1234567");
        Message message = codec.decode(seed, "1724680000123-0");
        assertThat(message.id()).isEqualTo("1724680000123-0");
        assertThat(message.topic()).isEqualTo("risk_metric");
        assertThat(message.priority()).isEqualTo(Priority.URGENT);
        assertThat(message.timestampMicros()).isEqualTo(1_724_680_000_123_457L);
        assertThat(message.payloadAs(JsonNode.class).get("var_95").asDouble()).isEqualTo(1234.5);
    }

    @Test
    void aSourceOfBytesDecodesTheExactWireFormAndEveryOtherSpelling() throws Exception {
        // the decoder matches the exact wire names and plain timestamps on their bytes; other
        // spellings the seeds' clients may write go the general way, with the same result
        Map<String, String> fields = new HashMap<>(codec.encode(sample()));
        Message exact = codec.decode(bytesOf(fields), "x");
        assertThat(exact.type()).isEqualTo(MessageType.PRICE_UPDATE);
        assertThat(exact.priority()).isEqualTo(Priority.HIGH);
        assertThat(exact.timestampMicros()).isEqualTo(1_732_300_000_123_456L);
        fields.put("message_type", "Price_Update");
        fields.put("priority", "High");
        fields.put("timestamp", "1.7323E9");
        Message other = codec.decode(bytesOf(fields), "x");
        assertThat(other.type()).isEqualTo(MessageType.PRICE_UPDATE);
        assertThat(other.priority()).isEqualTo(Priority.HIGH);
        assertThat(other.timestampMicros()).isEqualTo(1_732_300_000_000_000L);
        fields.put("timestamp", "1732300000.1234567");
        assertThat(codec.decode(bytesOf(fields), "x").timestampMicros()).isEqualTo(1_732_300_000_123_457L);
        assertThat(other.payload().json()).isEqualTo(exact.payload().json());
    }

    /** The fields as a transport reading raw entries offers them: as text, and as the bytes that came. */
    private static EnvelopeCodec.FieldSource bytesOf(Map<String, String> fields) {
        return new EnvelopeCodec.FieldSource() {
            @Override
            public String field(String name) {
                return fields.get(name);
            }

            @Override
            public byte[] bytes(String name) {
                String value = fields.get(name);
                return value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        };
    }

    @Test
    void timestampsFormatWithSixDecimalsAndParseIntegersAndExponents() throws Exception {
        assertThat(EnvelopeCodec.formatTimestamp(1_000_001L)).isEqualTo("1.000001");
        assertThat(EnvelopeCodec.formatTimestamp(0L)).isEqualTo("0.000000");
        assertThat(EnvelopeCodec.formatTimestamp(1_732_300_000_000_000L)).isEqualTo("1732300000.000000");
        assertThat(EnvelopeCodec.parseTimestamp("1732300000")).isEqualTo(1_732_300_000_000_000L);
        assertThat(EnvelopeCodec.parseTimestamp("1.7323E9")).isEqualTo(1_732_300_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1732300000.123456",
                "1732300000.1",
                "0.000001",
                "7",
                "1724680000.1234567",
                "1724680000.",
                ".5",
                "1234567890123.5",
                " 17.25 ",
                "1e3",
                "0001.5"
            })
    void theFastTimestampPathAgreesWithDecimalArithmetic(String text) throws Exception {
        long expected = new java.math.BigDecimal(text.trim())
                .movePointRight(6)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        assertThat(EnvelopeCodec.parseTimestamp(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_type", "source_engine", "payload", "priority", "timestamp"})
    void aMissingSeedFieldIsNamed(String field) {
        Map<String, String> fields = new HashMap<>(codec.encode(sample()));
        fields.remove(field);
        assertThatThrownBy(() -> codec.decode(fields, "x"))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("'" + field + "' is missing")
                .extracting(e -> ((MalformedEnvelopeException) e).field())
                .isEqualTo(field);
    }

    @Test
    void badValuesAreNamed() {
        assertField(Map.of("message_type", "tick"), "message_type", "unknown message type 'tick'");
        assertField(Map.of("priority", "critical"), "priority", "unknown priority 'critical'");
        assertField(Map.of("payload", "{not json"), "payload", "not valid JSON");
        assertField(Map.of("payload", "{} trailing"), "payload", "not valid JSON");
        assertField(Map.of("payload", "x".repeat(2000)), "payload", "over the limit of 1024");
        assertField(Map.of("timestamp", "yesterday"), "timestamp", "not a decimal number");
        assertField(Map.of("timestamp", "-5"), "timestamp", "negative");
        assertField(Map.of("topic", "a..b"), "topic", "not a valid topic");
        assertField(Map.of("source_engine", " "), "source_engine", "blank");
    }

    @Test
    void theLimitCountsUtf8BytesExactly() {
        // {"b":"€€…"} is 8 ASCII bytes plus 3 per euro sign: 338 signs make 1,022 bytes, 339 make 1,025.
        Message fits = Message.builder(MessageType.MARKET_DATA, "market_data.blob")
                .source("test")
                .payload(Map.of("b", "€".repeat(338)))
                .build();
        Message over = Message.builder(MessageType.MARKET_DATA, "market_data.blob")
                .source("test")
                .payload(Map.of("b", "€".repeat(339)))
                .build();
        assertThat(codec.encode(fits)).containsKey("payload");
        assertThatThrownBy(() -> codec.encode(over))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("is 1025 bytes, over the limit of 1024");
    }

    @Test
    void oversizedPayloadIsRefusedAtEncode() {
        Message big = Message.builder(MessageType.MARKET_DATA, "market_data.blob")
                .source("test")
                .payload(Map.of("blob", "é".repeat(600)))
                .build();
        assertThatThrownBy(() -> codec.encode(big))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("over the limit of 1024");
    }

    @Test
    void utf8LengthCountsMultiByteCharacters() {
        assertThat(EnvelopeLimits.utf8Length("abc")).isEqualTo(3);
        assertThat(EnvelopeLimits.utf8Length("é")).isEqualTo(2);
        assertThat(EnvelopeLimits.utf8Length("€")).isEqualTo(3);
        assertThat(EnvelopeLimits.utf8Length("😀")).isEqualTo(4);
        assertThat(EnvelopeLimits.utf8Length("a€😀"))
                .isEqualTo("a€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void payloadConversionErrorsNameTheType() throws Exception {
        Message message = codec.decode(
                Map.of(
                        "message_type",
                        "market_data",
                        "source_engine",
                        "py",
                        "payload",
                        "[1,2]",
                        "priority",
                        "low",
                        "timestamp",
                        "1"),
                "1-0");
        assertThatThrownBy(() -> message.payloadAs(Trade.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("Trade");
        assertThat(message.payloadAs(List.class)).containsExactly(1, 2);
    }

    private void assertField(Map<String, String> override, String field, String text) {
        Map<String, String> fields = new HashMap<>(codec.encode(sample()));
        fields.putAll(override);
        assertThatThrownBy(() -> codec.decode(fields, "x"))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining(text)
                .extracting(e -> ((MalformedEnvelopeException) e).field())
                .isEqualTo(field);
    }
}

package dev.nautilus.bus.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packed form: what the publisher writes the reader splits back, each message held to its own limits. */
class PackedEntriesTest {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final XaddEncoder ENCODER = new XaddEncoder(CODEC, 1000);

    private static Message message(int i) {
        return Message.builder(MessageType.PRICE_UPDATE, "price.BTC")
                .source("md")
                .payload(Map.of("i", i))
                .build();
    }

    private static RawStreamEntry packed(String count, byte[] body) {
        return new RawStreamEntry("s", "1-1", new byte[][] {bytes("packed"), bytes(count), bytes("packed_body"), body});
    }

    private static byte[] body(byte[]... envelopes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] envelope : envelopes) {
            out.writeBytes(envelope);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theMessagesComeBackInOrderWithEntryIdsOfTheirOwn() throws Exception {
        List<Message> sent = List.of(message(0), message(1), message(2));
        RawStreamEntry entry = packed(
                "3", body(ENCODER.envelope(sent.get(0)), ENCODER.envelope(sent.get(1)), ENCODER.envelope(sent.get(2))));
        assertThat(entry.isPacked()).isTrue();

        List<RawStreamEntry> messages = PackedEntries.unpack(entry, CODEC.limits());

        assertThat(messages).extracting(RawStreamEntry::id).containsExactly("1-1/0", "1-1/1", "1-1/2");
        List<Message> received = new ArrayList<>();
        for (RawStreamEntry m : messages) {
            assertThat(m.stream()).isEqualTo("s");
            received.add(CODEC.decode(m, m.id()));
        }
        assertThat(received)
                .extracting(Message::id)
                .containsExactlyElementsOf(sent.stream().map(Message::id).toList());
        assertThat(received.get(2).payloadAs(Map.class)).isEqualTo(Map.of("i", 2));
    }

    @Test
    void anOrdinaryEnvelopeOfAPackedTypeIsTheSameBytesAsAnUnpackedOne() {
        Message m = message(7);
        assertThat(ENCODER.single("nautilus:marketdata:price_update", ENCODER.envelope(m)))
                .isEqualTo(ENCODER.encode("nautilus:marketdata:price_update", m));
    }

    @Test
    void aMessageOverItsLimitsIsRefusedAloneAndTheOthersStayReadable() throws Exception {
        String longTopic = "t".repeat(EnvelopeLimits.MAX_TOPIC_BYTES + 1);
        String[] fields = new String[StreamEntriesReplyTest.GOOD.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = String.valueOf(StreamEntriesReplyTest.GOOD[i]);
        }
        fields[fields.length - 1] = longTopic;
        byte[] over = RespWriter.command(fields);
        RawStreamEntry entry = packed("3", body(ENCODER.envelope(message(0)), over, ENCODER.envelope(message(2))));

        List<RawStreamEntry> messages = PackedEntries.unpack(entry, CODEC.limits());

        assertThat(messages.get(1).refusal()).isPresent();
        assertThat(messages.get(1).body().get("topic")).startsWith("<cut: 1025 bytes");
        assertThatThrownBy(() -> CODEC.decode(messages.get(1), "x"))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("topic");
        assertThat(CODEC.decode(messages.get(0), "x").payloadAs(Map.class)).isEqualTo(Map.of("i", 0));
        assertThat(CODEC.decode(messages.get(2), "x").payloadAs(Map.class)).isEqualTo(Map.of("i", 2));
    }

    @Test
    void aBodyThatCannotBeSplitIsRefusedWhole() {
        byte[] one = ENCODER.envelope(message(0));
        assertThatThrownBy(() -> PackedEntries.unpack(packed("2", one), CODEC.limits()))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("packed_body");
        assertThatThrownBy(() -> PackedEntries.unpack(packed("1", body(one, one)), CODEC.limits()))
                .hasMessageContaining("after the 1 envelopes");
        assertThatThrownBy(() -> PackedEntries.unpack(packed("1", bytes("*2\r\n$5\r\nabc")), CODEC.limits()))
                .hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> PackedEntries.unpack(packed("1", bytes("*0\r\n")), CODEC.limits()))
                .hasMessageContaining("an envelope of 0 names and values");
        assertThatThrownBy(() -> PackedEntries.unpack(packed("1", bytes("hello")), CODEC.limits()))
                .hasMessageContaining("expected '*'");
        assertThatThrownBy(() -> PackedEntries.unpack(packed("0", one), CODEC.limits()))
                .hasMessageContaining("field 'packed'");
        assertThatThrownBy(() -> PackedEntries.unpack(packed("1001", one), CODEC.limits()))
                .hasMessageContaining("from 1 to 1000");
        assertThatThrownBy(() -> PackedEntries.unpack(packed("-1", one), CODEC.limits()))
                .hasMessageContaining("field 'packed'");
    }

    @Test
    void aPackedBodyIsBoundedAsItIsRead() {
        EnvelopeLimits limits = new EnvelopeLimits(64);
        assertThat(limits.maxPackedBodyBytes()).isEqualTo(1 << 20);
        assertThat(new EnvelopeLimits(4 << 20).maxPackedBodyBytes()).isEqualTo((4 << 20) + 64 * 1024);
        assertThat(limits.maxValueBytes(bytes("packed_body"))).isEqualTo(1 << 20);
        assertThat(limits.maxValueBytes("packed")).isEqualTo(EnvelopeLimits.MAX_NUMBER_CHARS);
    }

    @Test
    void anEntryWithoutThePackedFieldIsAnOrdinaryOne() {
        RawStreamEntry plain = new RawStreamEntry("s", "1-1", new byte[][] {bytes("message_type"), bytes("x")});
        assertThat(plain.isPacked()).isFalse();
    }
}

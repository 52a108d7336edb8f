package dev.nautilus.bus.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.codec.MalformedEnvelopeException;
import io.lettuce.core.StreamMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entries over their limits are refused as they are read, without keeping their bytes (issue #14). */
class StreamEntriesReplyTest {

    private static final EnvelopeLimits LIMITS = new EnvelopeLimits(EnvelopeCodec.DEFAULT_MAX_PAYLOAD_BYTES);
    static final Object[] GOOD = {
        "message_type",
        "price_update",
        "source_engine",
        "md",
        "payload",
        "{}",
        "priority",
        "normal",
        "timestamp",
        "1732300000.5",
        "topic",
        "price.update.X"
    };

    private static List<RawStreamEntry> read(InputStream wire) throws IOException {
        return StreamEntriesReply.read(new RespReader(wire), LIMITS);
    }

    private static Object[] good(Object... replacing) {
        Map<Object, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < GOOD.length; i += 2) {
            fields.put(GOOD[i], GOOD[i + 1]);
        }
        for (int i = 0; i < replacing.length; i += 2) {
            fields.put(replacing[i], replacing[i + 1]);
        }
        List<Object> flat = new ArrayList<>();
        fields.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        return flat.toArray();
    }

    private static MalformedEnvelopeException refusal(RawStreamEntry entry) {
        assertThat(entry.isEmpty())
                .as("a refused entry is not an empty one (which would be acknowledged unhandled)")
                .isFalse();
        return entry.refusal().orElseThrow();
    }

    @Test
    void anEntryWithinItsLimitsIsReadWholeAndDecodes() throws Exception {
        List<RawStreamEntry> entries = read(new EntriesWire().entry("1-0", good()).stream("s"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).refusal()).isEmpty();
        assertThat(new EnvelopeCodec().decode(entries.get(0), "1-0").topic()).isEqualTo("price.update.X");
    }

    @Test
    void anOverLongValueIsSkippedAndTheEntryRefusedNamingTheFieldThenTheNextEntryIsRead() throws Exception {
        List<RawStreamEntry> entries = read(new EntriesWire()
                .entry("1-0", good("topic", new EntriesWire.Run((byte) 'a', 1 << 20))).entry("2-0", good()).stream(
                        "s"));
        assertThat(entries).extracting(RawStreamEntry::id).containsExactly("1-0", "2-0");
        assertThat(refusal(entries.get(0)))
                .hasMessage("malformed envelope: field 'topic' is 1048576 bytes, over the limit of 1024");
        assertThatThrownBy(() -> new EnvelopeCodec().decode(entries.get(0), "1-0"))
                .isSameAs(entries.get(0).refusal().get());
        assertThat(entries.get(0).body().get("topic"))
                .startsWith("<cut: 1048576 bytes, beginning 'aaaa")
                .hasSizeLessThan(200);
        assertThat(entries.get(0).body()).containsEntry("message_type", "price_update");
        assertThat(new EnvelopeCodec().decode(entries.get(1), "2-0").id()).isEqualTo("2-0");
    }

    @Test
    void aFiftyMegabytePayloadCostsTheReaderLittleMemory() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        InputStream wire = new EntriesWire()
                .entry("1-0", good("payload", new EntriesWire.Run((byte) '[', 50_000_000))).stream("s");
        long before = threads.getThreadAllocatedBytes(thread);
        List<RawStreamEntry> entries = read(wire);
        assertThat(threads.getThreadAllocatedBytes(thread) - before)
                .as("bytes allocated")
                .isLessThan(1 << 20);
        assertThat(refusal(entries.get(0)).field()).isEqualTo("payload");
    }

    @Test
    void anEntryOfTooManyFieldsKeepsTheFirstSixtyFourAndIsRefused() throws Exception {
        Object[] many = new Object[200_000];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = "f" + i;
            many[i + 1] = "v";
        }
        List<RawStreamEntry> entries = read(new EntriesWire().entry("1-0", many).entry("2-0", good()).stream("s"));
        assertThat(refusal(entries.get(0)))
                .hasMessage("malformed envelope: the entry has 100000 fields, over the limit of 64");
        assertThat(refusal(entries.get(0)).field()).isNull();
        assertThat(entries.get(0).body()).hasSize(64);
        assertThat(entries.get(1).refusal()).isEmpty();
    }

    @Test
    void anOverLongFieldNameIsRefusedEscaped() throws Exception {
        List<RawStreamEntry> entries =
                read(new EntriesWire().entry("1-0", good("\n\u001b" + "n".repeat(100), "v")).stream("s"));
        assertThat(refusal(entries.get(0)))
                .hasMessageStartingWith("malformed envelope: a field name of 102 bytes, over the limit of 64, "
                        + "begins '\\u000a\\u001bnnn");
    }

    @Test
    void invalidUtf8IsMalformedNamingTheFieldAndTheByte() throws Exception {
        byte[] topic = {'p', 'r', 'i', (byte) 0xC3, '(', 'x'};
        List<RawStreamEntry> entries = read(new EntriesWire().entry("1-0", good("topic", topic)).stream("s"));
        assertThatThrownBy(() -> new EnvelopeCodec().decode(entries.get(0), "1-0"))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessage("malformed envelope: field 'topic' is not valid UTF-8 at byte 3");
        byte[] surrogate = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThatThrownBy(() -> RawStreamEntry.strictUtf8("id", surrogate)).hasMessageContaining("at byte 1");
        assertThatThrownBy(() -> RawStreamEntry.strictUtf8("id", new byte[] {'a', (byte) 0xE2, (byte) 0x82}))
                .hasMessageContaining("at byte 1");
        assertThat(RawStreamEntry.strictUtf8("id", "a\uFFFDb€".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("a\uFFFDb€");
    }

    @Test
    void aClaimedEntryIsHeldToTheSameLimits() throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i < GOOD.length; i += 2) {
            body.put((String) GOOD[i], (String) GOOD[i + 1]);
        }
        body.put("id", "x".repeat(5000));
        RawStreamEntry claimed = RawStreamEntry.of(new StreamMessage<>("s", "1-0", body), LIMITS);
        assertThat(refusal(claimed)).hasMessage("malformed envelope: field 'id' is 5000 bytes, over the limit of 128");
        assertThat(claimed.body().get("id")).startsWith("<cut: 5000 bytes");
        body.put("id", "ok");
        assertThat(RawStreamEntry.of(new StreamMessage<>("s", "1-0", body), LIMITS)
                        .refusal())
                .isEmpty();
    }
}

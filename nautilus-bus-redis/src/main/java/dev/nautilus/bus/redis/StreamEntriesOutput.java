package dev.nautilus.bus.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code XREADGROUP} reply (RESP2: {@code [[stream, [[id, [field, value, …]], …]], …]})
 * into {@link RawStreamEntry} values, copying bytes only. Lettuce's own output decodes every field
 * into a string and a map on the event loop; this leaves the decoding to the reader thread, and
 * only of the fields it needs.
 *
 * <p>It follows the reply by the element counts Redis announces, not by nesting depth, so a
 * reply split across many socket reads parses the same; anything of another shape fails the
 * command instead of being half-read.
 */
final class StreamEntriesOutput extends CommandOutput<String, String, List<RawStreamEntry>> {

    private enum Expect { STREAMS, STREAM_PAIR, STREAM_NAME, ENTRIES, ENTRY_PAIR, ENTRY_ID, FIELDS, FIELD_VALUES, DONE }

    private final List<byte[]> pairs = new ArrayList<>(32);
    private Expect expect = Expect.STREAMS;
    private int streamsLeft;
    private int entriesLeft;
    private int valuesLeft;
    private String stream;
    private String id;

    StreamEntriesOutput() {
        super(StringCodec.ASCII, new ArrayList<>());
    }

    @Override
    public void multi(int count) {
        switch (expect) {
            case STREAMS -> {
                streamsLeft = count;
                expect = count > 0 ? Expect.STREAM_PAIR : Expect.DONE;
            }
            case STREAM_PAIR -> expect = count == 2 ? Expect.STREAM_NAME : unexpected("stream pair of " + count);
            case ENTRIES -> {
                entriesLeft = count;
                if (count > 0) {
                    expect = Expect.ENTRY_PAIR;
                } else {
                    endStream();
                }
            }
            case ENTRY_PAIR -> expect = count == 2 ? Expect.ENTRY_ID : unexpected("entry pair of " + count);
            case FIELDS -> {
                if (count > 0) {
                    valuesLeft = count;
                    expect = Expect.FIELD_VALUES;
                } else {
                    endEntry(); // trimmed while pending: no fields
                }
            }
            default -> unexpected("array of " + count);
        }
    }

    @Override
    public void set(ByteBuffer bytes) {
        switch (expect) {
            case STREAM_NAME -> {
                stream = text(bytes);
                expect = Expect.ENTRIES;
            }
            case ENTRY_ID -> {
                id = text(bytes);
                expect = Expect.FIELDS;
            }
            case FIELDS -> {
                if (bytes != null) {
                    unexpected("a string where the field list belongs");
                } else {
                    endEntry();
                }
            }
            case FIELD_VALUES -> {
                pairs.add(copy(bytes));
                if (--valuesLeft == 0) {
                    endEntry();
                }
            }
            case STREAMS -> expect = Expect.DONE; // nil: BLOCK timed out with nothing new
            default -> unexpected("a string");
        }
    }

    private void endEntry() {
        output.add(new RawStreamEntry(stream, id, pairs.isEmpty() ? null : pairs.toArray(byte[][]::new)));
        pairs.clear();
        id = null;
        if (--entriesLeft == 0) {
            endStream();
        } else {
            expect = Expect.ENTRY_PAIR;
        }
    }

    private void endStream() {
        stream = null;
        expect = --streamsLeft > 0 ? Expect.STREAM_PAIR : Expect.DONE;
    }

    private Expect unexpected(String what) {
        setError("unexpected XREADGROUP reply: " + what + " while expecting " + expect.name().toLowerCase().replace('_', ' '));
        return Expect.DONE;
    }

    private static byte[] copy(ByteBuffer bytes) {
        if (bytes == null) {
            return new byte[0];
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(bytes.position(), copy);
        return copy;
    }

    private static String text(ByteBuffer bytes) {
        return new String(copy(bytes), StandardCharsets.UTF_8);
    }
}

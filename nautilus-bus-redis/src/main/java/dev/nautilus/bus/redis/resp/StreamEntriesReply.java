package dev.nautilus.bus.redis.resp;

import dev.nautilus.bus.codec.EnvelopeLimits;
import dev.nautilus.bus.redis.resp.RespReader.MalformedReplyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code XREADGROUP} reply (RESP2: {@code [[stream, [[id, [field, value, …]], …]], …]},
 * or nil when {@code BLOCK} ran out) into {@link RawStreamEntry} values, copying bytes only: the
 * reader thread turns into strings just the fields it needs. An entry trimmed away while pending
 * comes with nil fields and is read as an empty entry. Any other shape fails the read (and the
 * connection is dropped) instead of being half-read.
 *
 * <p>Each entry is held to the socket's {@link EnvelopeLimits} as it is read, before anything is
 * kept for it: past {@link EnvelopeLimits#MAX_FIELDS} pairs the rest are skipped, and a name or
 * value over its bound is read and dropped as it arrives, a marker with its length and first
 * bytes kept in its place. Such an entry is <em>refused</em> (see {@link RawStreamEntry}): the
 * delivery path dead-letters it with the reason, and the reader goes on with the next entry. The
 * reader's own bounds (512 MiB a bulk string) stay the protocol's: beyond them the connection is
 * dropped.
 */
public final class StreamEntriesReply {

    private static final String COMMAND = "XREADGROUP";

    private StreamEntriesReply() {}

    /** Reads the reply to the {@code XREADGROUP} just sent on {@code socket}; empty when {@code BLOCK} ran out. */
    public static List<RawStreamEntry> read(RespSocket socket) {
        EnvelopeLimits limits = socket.entryLimits();
        return socket.read(COMMAND, in -> read(in, limits));
    }

    /**
     * Reads an {@code XREADGROUP} reply from {@code in}.
     *
     * @throws MalformedReplyException when the reply is not of that shape (the stream is then out of step)
     */
    static List<RawStreamEntry> read(RespReader in, EnvelopeLimits limits) throws IOException {
        int streams = in.readArrayLength();
        if (streams <= 0) {
            return List.of();
        }
        List<RawStreamEntry> entries = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            pair(in, "stream");
            String stream = in.readText();
            int count = in.readArrayLength();
            for (int e = 0; e < count; e++) {
                pair(in, "entry");
                String id = in.readText();
                entries.add(entry(in, stream, id, limits));
            }
        }
        return entries;
    }

    private static RawStreamEntry entry(RespReader in, String stream, String id, EnvelopeLimits limits)
            throws IOException {
        int values = in.readArrayLength();
        if (values <= 0) {
            return new RawStreamEntry(stream, id, null);
        }
        BoundedFields fields = new BoundedFields(values, limits);
        for (int v = 0; v < values; v++) {
            if (!fields.keeps(v)) {
                in.skipNext();
                continue;
            }
            int length = in.readBulkLength();
            if (length < 0) {
                continue; // nil
            }
            if (length <= fields.bound(v)) {
                fields.put(v, in.readBulkContent(length));
            } else {
                fields.cut(v, length, in.skipBulkContent(length, EntryRefusal.SAMPLE_BYTES));
            }
        }
        return fields.entry(stream, id);
    }

    private static void pair(RespReader in, String what) throws IOException {
        int length = in.readArrayLength();
        if (length != 2) {
            throw new MalformedReplyException("a " + what + " of " + length + " elements instead of 2");
        }
    }
}

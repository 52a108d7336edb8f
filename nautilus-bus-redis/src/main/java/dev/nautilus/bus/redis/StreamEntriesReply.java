package dev.nautilus.bus.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code XREADGROUP} reply (RESP2: {@code [[stream, [[id, [field, value, …]], …]], …]},
 * or nil when {@code BLOCK} ran out) into {@link RawStreamEntry} values, copying bytes only: the
 * reader thread turns into strings just the fields it needs. An entry trimmed away while pending
 * comes with nil fields and is read as an empty entry. Any other shape fails the read (and the
 * connection is dropped) instead of being half-read.
 */
final class StreamEntriesReply {

    private static final String COMMAND = "XREADGROUP";

    private StreamEntriesReply() {}

    static List<RawStreamEntry> read(RespSocket socket) {
        int streams = socket.readArrayLength(COMMAND);
        if (streams <= 0) {
            return List.of();
        }
        List<RawStreamEntry> entries = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            pair(socket, "stream");
            String stream = socket.readText(COMMAND);
            int count = socket.readArrayLength(COMMAND);
            for (int e = 0; e < count; e++) {
                pair(socket, "entry");
                String id = socket.readText(COMMAND);
                int values = socket.readArrayLength(COMMAND);
                byte[][] pairs = values <= 0 ? null : new byte[values][];
                for (int v = 0; v < values; v++) {
                    pairs[v] = socket.readBulk(COMMAND);
                }
                entries.add(new RawStreamEntry(stream, id, pairs));
            }
        }
        return entries;
    }

    private static void pair(RespSocket socket, String what) {
        int length = socket.readArrayLength(COMMAND);
        if (length != 2) {
            throw socket.malformed(COMMAND, "a " + what + " of " + length + " elements instead of 2");
        }
    }
}

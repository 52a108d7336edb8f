package dev.nautilus.app.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One server-to-client text frame, encoded once as UTF-8 in a read-only buffer and shared by every
 * client it goes to: each send takes a {@link #view()} of its own, so no client copies the bytes.
 */
public final class OutboundFrame {

    private final ByteBuffer bytes;

    private OutboundFrame(ByteBuffer bytes) {
        this.bytes = bytes;
    }

    /** The frame carrying this JSON text. */
    public static OutboundFrame of(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        // direct: the socket writes it without copying it to a temporary native buffer per client
        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length).put(utf8).flip();
        return new OutboundFrame(direct.asReadOnlyBuffer());
    }

    /** A view for one send; sends never disturb each other's positions. */
    public ByteBuffer view() {
        return bytes.duplicate();
    }

    /** Payload size in bytes. */
    public int size() {
        return bytes.remaining();
    }

    /** The JSON text (for tests and logs; decodes the bytes). */
    public String text() {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }

    @Override
    public String toString() {
        return text();
    }
}

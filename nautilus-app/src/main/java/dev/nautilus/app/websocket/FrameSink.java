package dev.nautilus.app.websocket;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A client's socket as the engine sees it: an asynchronous sender of text frames. The seam lets the
 * slow-client policy run without a network in unit tests; {@link JettyFrameSink} is the real one.
 */
public interface FrameSink {

    /** Queues a text frame; exactly one of the callbacks runs once it is written or has failed. */
    void send(ByteBuffer utf8Text, Runnable written, Consumer<Throwable> failed);

    /** Closes the connection at once, without waiting for queued frames (they may never drain). */
    void disconnect();

    /** Who is at the other end, for {@code GET /clients}. */
    String remoteAddress();

    /** The other end's host alone, which per-address limits count by. */
    default String remoteHost() {
        return remoteAddress();
    }

    /** Closes the connection with a close frame saying why (a refused or idle client). */
    default void close(int code, String reason) {
        disconnect();
    }
}

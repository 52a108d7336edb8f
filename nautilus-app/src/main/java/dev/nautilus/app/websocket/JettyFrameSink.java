package dev.nautilus.app.websocket;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A Jetty WebSocket session as a {@link FrameSink}. Frames go through Jetty's core session so a
 * shared, already encoded buffer is written as is: the Jetty API's {@code sendText(String)} would
 * encode the text again for every client.
 */
final class JettyFrameSink implements FrameSink {

    private final Session session;
    private final CoreSession core;
    private final String remote;
    private final String host;

    JettyFrameSink(Session session) {
        this.session = session;
        this.remote = String.valueOf(session.getRemoteSocketAddress()); // read now: a closed session no longer knows
        this.host =
                session.getRemoteSocketAddress() instanceof InetSocketAddress address && address.getAddress() != null
                        ? address.getAddress().getHostAddress()
                        : remote;
        if (!(session instanceof WebSocketSession jetty)) {
            throw new IllegalArgumentException(
                    "not a Jetty WebSocket session: " + session.getClass().getName());
        }
        this.core = jetty.getCoreSession();
    }

    @Override
    public void send(ByteBuffer utf8Text, Runnable written, Consumer<Throwable> failed) {
        // NON_BLOCKING: the callbacks only update counters, so Jetty may run them on its selector thread
        core.sendFrame(
                new Frame(OpCode.TEXT, utf8Text),
                Callback.from(Invocable.InvocationType.NON_BLOCKING, written, failed),
                false);
    }

    @Override
    public void disconnect() {
        session.disconnect();
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public String remoteHost() {
        return host;
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }
}

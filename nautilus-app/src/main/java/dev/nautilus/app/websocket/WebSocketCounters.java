package dev.nautilus.app.websocket;

import java.util.concurrent.atomic.LongAdder;

/** Totals across every client, for {@code /metrics}: what was sent, dropped and why clients left. */
public final class WebSocketCounters {

    final LongAdder messagesSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder connected = new LongAdder();
    final LongAdder slowDisconnects = new LongAdder();
    final LongAdder framesEncoded = new LongAdder();
    final LongAdder badRequests = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder idleDisconnects = new LongAdder();

    /** Requests refused because their client sent more than its rate allows. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** Connections refused for the total or per-address bound. */
    public long refused() {
        return refused.sum();
    }

    /** Clients disconnected for sending nothing within the idle timeout. */
    public long idleDisconnects() {
        return idleDisconnects.sum();
    }

    /** Bus messages delivered to clients (one per client it reached). */
    public long messagesSent() {
        return messagesSent.sum();
    }

    /** Bytes of every frame written to clients. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Bus messages dropped by the slow-client policy. */
    public long dropped() {
        return dropped.sum();
    }

    /** Connections accepted since start. */
    public long connected() {
        return connected.sum();
    }

    /** Clients disconnected for dropping everything for too long. */
    public long slowDisconnects() {
        return slowDisconnects.sum();
    }

    /** Bus messages encoded as frames (once each, whatever the number of clients). */
    public long framesEncoded() {
        return framesEncoded.sum();
    }

    /** Client frames answered with an error. */
    public long badRequests() {
        return badRequests.sum();
    }
}

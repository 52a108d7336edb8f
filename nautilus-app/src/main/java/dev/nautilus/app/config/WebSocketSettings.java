package dev.nautilus.app.config;

import java.time.Duration;

/**
 * The WebSocket engine's settings. The slow-client policy is bounded by {@code maxQueuedFrames} and
 * {@code maxQueuedBytes} per client (frames handed to the socket and not yet written): a frame that
 * would exceed either is dropped and counted, and a client that has dropped everything offered to
 * it for {@code slowClientTimeout} is disconnected.
 *
 * @param heartbeatInterval how often every client gets a heartbeat frame
 * @param maxQueuedFrames   frames queued per client before new ones are dropped
 * @param maxQueuedBytes    bytes queued per client before new frames are dropped
 * @param slowClientTimeout how long a client may drop every frame before it is disconnected
 * @param fanOutLanes       threads writing to clients (each client belongs to one lane)
 * @param limits            what one client or address may cost
 */
public record WebSocketSettings(
        Duration heartbeatInterval,
        int maxQueuedFrames,
        long maxQueuedBytes,
        Duration slowClientTimeout,
        int fanOutLanes,
        WebSocketLimits limits) {

    public WebSocketSettings {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException(
                    "websocket heartbeat interval must be positive, was " + heartbeatInterval);
        }
        if (maxQueuedFrames < 1 || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("websocket client queue bounds must be positive, were " + maxQueuedFrames
                    + " frames and " + maxQueuedBytes + " bytes");
        }
        if (fanOutLanes < 1) {
            throw new IllegalArgumentException("websocket fan-out lanes must be at least 1, was " + fanOutLanes);
        }
    }

    /** Heartbeats every 10 s, 1,000 frames or 1 MiB per client, disconnect after 10 s of dropping, 2 lanes, default limits. */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(
                Duration.ofSeconds(10), 1_000, 1L << 20, Duration.ofSeconds(10), 2, WebSocketLimits.defaults());
    }

    public WebSocketSettings withHeartbeat(Duration interval) {
        return new WebSocketSettings(interval, maxQueuedFrames, maxQueuedBytes, slowClientTimeout, fanOutLanes, limits);
    }

    public WebSocketSettings withClientQueue(int frames, long bytes, Duration timeout) {
        return new WebSocketSettings(heartbeatInterval, frames, bytes, timeout, fanOutLanes, limits);
    }

    public WebSocketSettings withFanOutLanes(int lanes) {
        return new WebSocketSettings(
                heartbeatInterval, maxQueuedFrames, maxQueuedBytes, slowClientTimeout, lanes, limits);
    }

    public WebSocketSettings withLimits(WebSocketLimits bounds) {
        return new WebSocketSettings(
                heartbeatInterval, maxQueuedFrames, maxQueuedBytes, slowClientTimeout, fanOutLanes, bounds);
    }
}

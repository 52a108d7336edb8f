package dev.nautilus.app.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The WebSocket engine's settings. The slow-client policy is bounded by {@code maxQueuedFrames} and
 * {@code maxQueuedBytes} per client (frames handed to the socket and not yet written): a frame that
 * would exceed either is dropped and counted, and a client that has dropped everything offered to
 * it for {@code slowClientTimeout} is disconnected.
 *
 * @param token             the token clients must present, or empty for no authentication
 * @param heartbeatInterval how often every client gets a heartbeat frame
 * @param maxQueuedFrames   frames queued per client before new ones are dropped
 * @param maxQueuedBytes    bytes queued per client before new frames are dropped
 * @param slowClientTimeout how long a client may drop every frame before it is disconnected
 * @param fanOutLanes       threads writing to clients (each client belongs to one lane)
 */
public record WebSocketSettings(Optional<String> token, Duration heartbeatInterval, int maxQueuedFrames,
        long maxQueuedBytes, Duration slowClientTimeout, int fanOutLanes) {

    public WebSocketSettings {
        if (token.isPresent() && token.get().isBlank()) {
            token = Optional.empty();
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("websocket heartbeat interval must be positive, was " + heartbeatInterval);
        }
        if (maxQueuedFrames < 1 || maxQueuedBytes < 1) {
            throw new IllegalArgumentException("websocket client queue bounds must be positive, were " + maxQueuedFrames
                    + " frames and " + maxQueuedBytes + " bytes");
        }
        if (fanOutLanes < 1) {
            throw new IllegalArgumentException("websocket fan-out lanes must be at least 1, was " + fanOutLanes);
        }
    }

    /** No token, heartbeats every 10 s, 1,000 frames or 1 MiB per client, disconnect after 10 s of dropping, 2 lanes. */
    public static WebSocketSettings defaults() {
        return new WebSocketSettings(Optional.empty(), Duration.ofSeconds(10), 1_000, 1L << 20, Duration.ofSeconds(10), 2);
    }

    public WebSocketSettings withToken(String value) {
        return new WebSocketSettings(Optional.ofNullable(value), heartbeatInterval, maxQueuedFrames, maxQueuedBytes,
                slowClientTimeout, fanOutLanes);
    }

    public WebSocketSettings withHeartbeat(Duration interval) {
        return new WebSocketSettings(token, interval, maxQueuedFrames, maxQueuedBytes, slowClientTimeout, fanOutLanes);
    }

    public WebSocketSettings withClientQueue(int frames, long bytes, Duration timeout) {
        return new WebSocketSettings(token, heartbeatInterval, frames, bytes, timeout, fanOutLanes);
    }

    public WebSocketSettings withFanOutLanes(int lanes) {
        return new WebSocketSettings(token, heartbeatInterval, maxQueuedFrames, maxQueuedBytes, slowClientTimeout, lanes);
    }

    @Override
    public String toString() {
        // the token is a secret: never printed
        return "WebSocketSettings[token=" + (token.isPresent() ? "***" : "none") + ", heartbeatInterval=" + heartbeatInterval
                + ", maxQueuedFrames=" + maxQueuedFrames + ", maxQueuedBytes=" + maxQueuedBytes
                + ", slowClientTimeout=" + slowClientTimeout + ", fanOutLanes=" + fanOutLanes + "]";
    }
}

package dev.nautilus.app.config;

import java.time.Duration;

/**
 * What one WebSocket client, or one address, may cost the server: every bound is checked before the
 * work or memory it protects is spent (docs/WEBSOCKET.md).
 *
 * @param patternsPerClient  topic patterns one client may hold
 * @param patternLength      characters in one pattern
 * @param requestsPerSecond  requests one client may send per second, on average (twice that in a burst)
 * @param clients            clients connected at once, in total
 * @param clientsPerAddress  clients connected at once from one remote address
 * @param idleTimeout        how long a client may send nothing (a ping will do) before it is disconnected
 * @param maxFrameBytes      largest text frame a client may send
 */
public record WebSocketLimits(
        int patternsPerClient,
        int patternLength,
        int requestsPerSecond,
        int clients,
        int clientsPerAddress,
        Duration idleTimeout,
        int maxFrameBytes) {

    public WebSocketLimits {
        if (patternsPerClient < 1
                || patternLength < 1
                || requestsPerSecond < 1
                || clients < 1
                || clientsPerAddress < 1
                || maxFrameBytes < 64) {
            throw new IllegalArgumentException(
                    "websocket limits must be positive (frames at least 64 bytes), were " + this);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("websocket idle timeout must be positive, was " + idleTimeout);
        }
    }

    /**
     * 1,000 patterns of at most 256 characters, 50 requests a second, 50,000 clients and 1,000 per
     * address, 2 minutes of silence (the dashboard pings every 15 s), frames of 64 KiB.
     */
    public static WebSocketLimits defaults() {
        return new WebSocketLimits(1_000, 256, 50, 50_000, 1_000, Duration.ofMinutes(2), 64 * 1024);
    }

    public WebSocketLimits withClients(int total, int perAddress) {
        return new WebSocketLimits(
                patternsPerClient, patternLength, requestsPerSecond, total, perAddress, idleTimeout, maxFrameBytes);
    }

    public WebSocketLimits withIdleTimeout(Duration timeout) {
        return new WebSocketLimits(
                patternsPerClient,
                patternLength,
                requestsPerSecond,
                clients,
                clientsPerAddress,
                timeout,
                maxFrameBytes);
    }

    public WebSocketLimits withRequests(int perSecond, int patterns) {
        return new WebSocketLimits(
                patterns, patternLength, perSecond, clients, clientsPerAddress, idleTimeout, maxFrameBytes);
    }
}

package dev.nautilus.app.websocket;

/**
 * A token bucket: {@code perSecond} requests a second on average, bursts of twice that. One per
 * client, guarded by it.
 */
final class RequestRate {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    RequestRate(int perSecond, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = 2.0 * perSecond;
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    /** Takes one request's token; false when the client is over its rate. */
    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * perNano);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}

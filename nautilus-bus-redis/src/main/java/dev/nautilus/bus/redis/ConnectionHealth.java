package dev.nautilus.bus.redis;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the publisher and readers of one bus have seen of its Redis: whether the last attempt
 * worked, the last error, and how many outages there were. An outage is logged once when it
 * starts and once when it ends, not once per failed attempt.
 */
final class ConnectionHealth {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHealth.class);

    private final String busName;
    private volatile boolean failing;
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong outages = new AtomicLong();

    ConnectionHealth(String busName) {
        this.busName = busName;
    }

    void failed(String who, Throwable error) {
        String text = who + ": " + describe(error);
        lastError.set(text);
        if (!failing) {
            failing = true;
            outages.incrementAndGet();
            LOG.warn("{} bus unreachable ({}); retrying", busName, text);
        }
    }

    void succeeded() {
        if (failing) {
            failing = false;
            LOG.info("{} bus reachable again", busName);
        }
    }

    boolean failing() {
        return failing;
    }

    String lastError() {
        return lastError.get();
    }

    long outages() {
        return outages.get();
    }

    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

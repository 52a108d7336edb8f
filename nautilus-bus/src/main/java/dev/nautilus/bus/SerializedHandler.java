package dev.nautilus.bus;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A handler that is fed by several consumer threads (one per bus, or one per type on a Redis
 * Cluster) and still handles one message at a time: keeps the {@link MessageHandler} promise that
 * calls for one subscription never overlap.
 */
public final class SerializedHandler implements MessageHandler {

    private final MessageHandler delegate;
    private final ReentrantLock lock = new ReentrantLock();

    private SerializedHandler(MessageHandler delegate) {
        this.delegate = delegate;
    }

    /** {@code handler} itself for a single feeding thread, else the handler one message at a time. */
    public static MessageHandler forFeeds(int feeds, MessageHandler handler) {
        return feeds > 1 ? new SerializedHandler(handler) : handler;
    }

    /** The handler called one message at a time. */
    public MessageHandler delegate() {
        return delegate;
    }

    @Override
    public void onMessage(Message message) throws Exception {
        lock.lock();
        try {
            delegate.onMessage(message);
        } finally {
            lock.unlock();
        }
    }
}

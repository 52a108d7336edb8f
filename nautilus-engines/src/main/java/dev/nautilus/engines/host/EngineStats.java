package dev.nautilus.engines.host;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MicroClock;
import java.util.concurrent.atomic.AtomicLong;

/** What the host saw of one engine: when it started, how many messages it was handed, the last one's time. */
public final class EngineStats {

    private final long startedMicros = MicroClock.nowMicros();
    private final AtomicLong received = new AtomicLong();
    private volatile long lastMessageMicros;

    void received(Message message) {
        received.incrementAndGet();
        lastMessageMicros = MicroClock.nowMicros();
    }

    /** Start time, microseconds since the epoch. */
    public long startedMicros() {
        return startedMicros;
    }

    /** Messages handed to the engine. */
    public long received() {
        return received.get();
    }

    /** When the last message was handed to the engine (microseconds since the epoch), 0 if never. */
    public long lastMessageMicros() {
        return lastMessageMicros;
    }
}

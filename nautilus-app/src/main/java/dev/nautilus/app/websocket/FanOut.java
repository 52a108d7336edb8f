package dev.nautilus.app.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes frames to clients on a few threads ("lanes"), each owning a fixed share of the clients, so
 * the socket writes of a broadcast run on several cores while the bus handler only hands frames
 * over. A lane's inbox is bounded: when every lane is behind, the bus handler waits (backpressure
 * onto the bus) instead of memory growing; a slow client never holds a lane up, since sends are
 * asynchronous and bounded per client.
 */
final class FanOut implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);
    private static final int INBOX = 16_384;

    private record Delivery(ClientConnection[] clients, OutboundFrame frame) {}

    private static final Delivery STOP = new Delivery(new ClientConnection[0], null);

    private final List<BlockingQueue<Delivery>> inboxes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    FanOut(int lanes) {
        for (int i = 0; i < lanes; i++) {
            inboxes.add(new ArrayBlockingQueue<>(INBOX));
        }
    }

    /** Starts the lane threads; frames handed over before wait in the inboxes. */
    synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 0; i < inboxes.size(); i++) {
            BlockingQueue<Delivery> inbox = inboxes.get(i);
            threads.add(Thread.ofPlatform().name("websocket-lane-" + i).daemon().start(() -> drain(inbox)));
        }
    }

    /** The number of lanes. */
    int lanes() {
        return inboxes.size();
    }

    /**
     * Hands a frame to the lanes of the clients it goes to.
     *
     * @throws IllegalStateException when interrupted while every lane is full
     */
    void deliver(ClientConnection[][] route, OutboundFrame frame) {
        for (int lane = 0; lane < route.length; lane++) {
            if (route[lane].length == 0) {
                continue;
            }
            try {
                inboxes.get(lane).put(new Delivery(route[lane], frame));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing a frame to WebSocket lane " + lane, e);
            }
        }
    }

    private static void drain(BlockingQueue<Delivery> inbox) {
        List<Delivery> batch = new ArrayList<>(256);
        try {
            while (true) {
                batch.add(inbox.take());
                inbox.drainTo(batch, 255);
                for (Delivery delivery : batch) {
                    if (delivery == STOP) {
                        return;
                    }
                    for (ClientConnection client : delivery.clients()) {
                        send(client, delivery.frame());
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(ClientConnection client, OutboundFrame frame) {
        try {
            client.offer(frame, true);
        } catch (RuntimeException e) {
            // a socket closing under us; the close handler removes the client
            LOG.debug("websocket client={} send failed: {}", client.id(), e.toString());
        }
    }

    /** Stops the lanes after what they hold. */
    @Override
    public synchronized void close() {
        if (threads.isEmpty()) {
            return;
        }
        for (BlockingQueue<Delivery> inbox : inboxes) {
            try {
                inbox.offer(STOP, 1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.nautilus.bus.memory;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer: a thread that drains its group's lanes in batches and hands each message to the
 * handler, retrying a failing handler and dead-lettering what still fails.
 */
final class ConsumerLoop implements Subscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    private final SubscriptionSpec spec;
    private final ConsumerGroup group;
    private final MessageHandler handler;
    private final InMemoryTransport transport;
    private final int batchSize;
    private final int maxDeliveries;
    private final Thread thread;
    private final ConsumerCounters counters = new ConsumerCounters();
    private volatile boolean running = true;

    ConsumerLoop(SubscriptionSpec spec, ConsumerGroup group, MessageHandler handler, InMemoryTransport transport,
            InMemoryConfig config) {
        this.spec = spec;
        this.group = group;
        this.handler = handler;
        this.transport = transport;
        this.batchSize = config.batchSize();
        this.maxDeliveries = config.maxDeliveries();
        this.thread = Thread.ofPlatform()
                .name("nautilus-" + transport.bus().key() + "-" + spec.group() + "-" + spec.consumer())
                .daemon(true)
                .unstarted(this);
    }

    void start() {
        group.lanes().register(thread);
        thread.start();
    }

    @Override
    public void run() {
        Message[] batch = new Message[batchSize];
        BackoffIdler idler = new BackoffIdler();
        PriorityLanes lanes = group.lanes();
        while (running) {
            int count = lanes.drain(batch, batchSize);
            if (count == 0) {
                idler.idle(lanes);
                continue;
            }
            idler.reset();
            for (int i = 0; i < count; i++) {
                deliver(batch[i]);
                batch[i] = null;
            }
        }
        lanes.unregister(thread);
    }

    private void deliver(Message message) {
        for (int attempt = 1; ; attempt++) {
            counters.delivered();
            try {
                handler.onMessage(message);
                counters.acked();
                return;
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable failure) {
                counters.handlerFailed();
                if (attempt >= maxDeliveries) {
                    transport.deadLetter(message, spec.group(), attempt, "handler failed " + attempt + " times: " + failure);
                    return;
                }
            }
        }
    }

    @Override
    public SubscriptionSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        LockSupport.unpark(thread);
        transport.removeConsumer(this);
        if (Thread.currentThread() != thread) {
            try {
                if (!thread.join(java.time.Duration.ofSeconds(5))) {
                    LOG.warn("consumer {} of group {} still busy in its handler 5 s after close", spec.consumer(), spec.group());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            transport.retire(this);
        }
    }

    ConsumerCounters counters() {
        return counters;
    }

    ConsumerGroup group() {
        return group;
    }
}

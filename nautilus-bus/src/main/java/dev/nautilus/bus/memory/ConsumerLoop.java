package dev.nautilus.bus.memory;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageHandler;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.delivery.Backoff;
import dev.nautilus.bus.delivery.DeliveryOutcome;
import dev.nautilus.bus.delivery.DeliveryPolicy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer: a thread that drains its group's lanes in batches and hands each message to the
 * handler under the {@link DeliveryPolicy}: a failing handler is retried and what still fails is
 * dead-lettered; an {@link Error} that is not the message's leaves the thread alive and the message
 * is delivered again after a pause.
 */
final class ConsumerLoop implements Subscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    private final SubscriptionSpec spec;
    private final ConsumerGroup group;
    private final MessageHandler handler;
    private final InMemoryTransport transport;
    private final int batchSize;
    private final DeliveryPolicy policy;
    private final Backoff errorPause = new Backoff();
    private final Thread thread;
    private final ConsumerCounters counters = new ConsumerCounters();
    private volatile boolean running = true;

    ConsumerLoop(
            SubscriptionSpec spec,
            ConsumerGroup group,
            MessageHandler handler,
            InMemoryTransport transport,
            InMemoryConfig config) {
        this.spec = spec;
        this.group = group;
        this.handler = handler;
        this.transport = transport;
        this.batchSize = config.batchSize();
        this.policy = new DeliveryPolicy(config.maxDeliveries());
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
        while (true) {
            switch (policy.deliver(message, handler, 0, counters)) {
                case DeliveryOutcome.Acknowledge handled -> {
                    errorPause.reset();
                    return;
                }
                case DeliveryOutcome.DeadLetter giveUp -> {
                    transport.deadLetter(message, spec.group(), giveUp.deliveries(), giveUp.reason());
                    return;
                }
                case DeliveryOutcome.RedeliverLater later -> {
                    if (!redeliverAfterPause(message, later.error())) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Pauses after a handler's {@code Error}; whether to deliver the message again now. A consumer
     * closed meanwhile hands it back to its group instead, for another consumer to take.
     */
    private boolean redeliverAfterPause(Message message, Error error) {
        LOG.error(
                "consumer {} of group {} on the {} bus: {} out of the handler of message {}; delivering it again in {} ms",
                spec.consumer(),
                spec.group(),
                transport.bus().displayName(),
                error,
                message.id(),
                TimeUnit.NANOSECONDS.toMillis(errorPause.nextNanos()));
        errorPause.pause();
        if (running) {
            return true;
        }
        if (!group.lanes().offer(message)) {
            LOG.warn(
                    "consumer {} of group {} closed with message {} undelivered: its group's queue is full",
                    spec.consumer(),
                    spec.group(),
                    message.id());
        }
        return false;
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
                    LOG.warn(
                            "consumer {} of group {} still busy in its handler 5 s after close",
                            spec.consumer(),
                            spec.group());
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

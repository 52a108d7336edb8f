package dev.nautilus.store.recorder;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Subscription;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.store.ingest.Ingest;
import dev.nautilus.store.model.StoredRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists chosen bus traffic: one consumer group ({@code recorder}) subscribed to the rules'
 * patterns, each message mapped to rows and submitted to the store's {@link Ingest}.
 *
 * <p>Nothing is silently dropped: a message no rule can map throws, so the bus retries it and then
 * dead-letters it with the reason; a full ingest queue throws too (back-pressure reaches the bus).
 */
public final class BusRecorder implements AutoCloseable {

    /** The consumer group of the recorder on the buses. */
    public static final String GROUP = "recorder";

    private static final Logger LOG = LoggerFactory.getLogger(BusRecorder.class);

    private final List<RecordingRule> rules;
    private final TopicPattern[] patterns;
    private final Ingest ingest;
    private final Subscription subscription;
    private final LongAdder recorded = new LongAdder();

    /**
     * Subscribes at once.
     *
     * @param instance this recorder's consumer name, e.g. {@code recorder-1}
     */
    public BusRecorder(MessageBus bus, Ingest ingest, List<RecordingRule> rules, String instance) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a recorder needs at least one rule");
        }
        this.rules = List.copyOf(rules);
        this.patterns =
                rules.stream().map(r -> TopicPattern.compile(r.pattern())).toArray(TopicPattern[]::new);
        this.ingest = ingest;
        Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        List<String> topicPatterns = new ArrayList<>();
        for (RecordingRule rule : rules) {
            types.addAll(rule.types());
            if (!topicPatterns.contains(rule.pattern())) {
                topicPatterns.add(rule.pattern());
            }
        }
        this.subscription = bus.subscribe(new SubscriptionSpec(GROUP, instance, topicPatterns, types), this::record);
        LOG.info("recording {} to the store", topicPatterns);
    }

    private void record(Message message) {
        for (int i = 0; i < rules.size(); i++) {
            RecordingRule rule = rules.get(i);
            if (rule.types().contains(message.type()) && patterns[i].matches(message.topic())) {
                List<? extends StoredRecord> rows = rule.mapper().apply(message);
                ingest.submitAll(rows);
                recorded.add(rows.size());
                return;
            }
        }
        throw new IllegalArgumentException(
                "no recording rule maps " + message.type().wireName() + " " + message.topic());
    }

    /** Rows handed to the ingest so far. */
    public long recorded() {
        return recorded.sum();
    }

    /** Stops recording; the ingest (owned by the store) is not closed. */
    @Override
    public void close() {
        subscription.close();
    }
}

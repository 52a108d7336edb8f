package dev.nautilus.store.recorder;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.TopicPattern;
import dev.nautilus.store.model.StoredRecord;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What the {@link BusRecorder} keeps of one kind of message: messages of these types whose topic
 * matches this pattern are turned into rows by the mapper (which may return no row, e.g. for a
 * warm-up value, and throws on a payload it cannot read). The recorder calls a mapper for one
 * message at a time, so a mapper may keep state; a message delivered again should map to the same
 * rows (same keys), which the store then skips.
 *
 * @param name    for logs and counters, e.g. {@code trades}
 * @param pattern topic pattern, e.g. {@code market_data.trade.*}
 * @param types   message types carrying such topics
 * @param mapper  message → rows
 */
public record RecordingRule(
        String name, String pattern, Set<MessageType> types, Function<Message, List<? extends StoredRecord>> mapper) {

    public RecordingRule {
        TopicPattern.compile(pattern);
        types = Set.copyOf(types);
    }
}

package dev.nautilus.bus.codec;

import java.util.List;

/**
 * Field names of the envelope on a stream entry. The first five are the seed's Python
 * {@code DualMessageBusClient} wire format and are required; the rest are ours and optional, and
 * the seed's reader ignores them.
 */
public final class EnvelopeField {

    public static final String MESSAGE_TYPE = "message_type";
    public static final String SOURCE_ENGINE = "source_engine";
    public static final String PAYLOAD = "payload";
    public static final String PRIORITY = "priority";
    public static final String TIMESTAMP = "timestamp";
    public static final String ID = "id";
    public static final String TOPIC = "topic";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String REPLY_TO = "reply_to";

    /** Every name above, in wire order. */
    public static final List<String> ALL =
            List.of(MESSAGE_TYPE, SOURCE_ENGINE, PAYLOAD, PRIORITY, TIMESTAMP, ID, TOPIC, CORRELATION_ID, REPLY_TO);

    private EnvelopeField() {}
}

package dev.nautilus.store.model;

import java.time.Instant;

/**
 * A bus message that could not be handled and was dead-lettered, kept for inspection.
 *
 * @param ts        when it was dead-lettered
 * @param id        the message id
 * @param stream    the stream it came from, e.g. {@code nautilus:engine_logic:risk_metric}
 * @param consumer  consumer group that gave up on it
 * @param reason    why
 * @param payload   the raw payload, kept verbatim (may contain any characters)
 */
public record DeadLetterRow(Instant ts, String id, String stream, String consumer, String reason, String payload)
        implements StoredRecord {

    public DeadLetterRow {
        ts = Require.time(ts, "ts");
        Require.text(id, "id");
        Require.text(stream, "stream");
        Require.text(consumer, "consumer");
        Require.text(reason, "reason");
        Require.present(payload, "payload");
    }
}

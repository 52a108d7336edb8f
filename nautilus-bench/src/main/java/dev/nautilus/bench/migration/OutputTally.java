package dev.nautilus.bench.migration;

import dev.nautilus.bus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every engine output the observer received, in arrival order, with duplicates counted by message
 * id (a second arrival of an id is a duplicate effect) and the longest pause between two arrivals.
 */
final class OutputTally {

    private final List<Message> received = new ArrayList<>();
    private final Map<String, Integer> arrivals = new HashMap<>();
    private final List<String> duplicateSamples = new ArrayList<>();
    private long duplicates;
    private long lastNanos;
    private long maxGapNanos;
    private volatile boolean measuringGaps;

    synchronized void add(Message message) {
        long now = System.nanoTime();
        if (measuringGaps && lastNanos != 0) {
            maxGapNanos = Math.max(maxGapNanos, now - lastNanos);
        }
        lastNanos = now;
        if (arrivals.merge(message.id(), 1, Integer::sum) > 1) {
            duplicates++;
            if (duplicateSamples.size() < 10) {
                duplicateSamples.add(message.topic() + " " + message.id());
            }
            return;
        }
        received.add(message);
    }

    /** Gaps count from now on (the replay runs steadily). */
    synchronized void startMeasuringGaps() {
        lastNanos = 0;
        measuringGaps = true;
    }

    /** Gaps no longer count (the replay ended: silence is expected). */
    void stopMeasuringGaps() {
        measuringGaps = false;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** The first ten duplicates, as {@code topic id}: what a failed check names. */
    synchronized List<String> duplicateSamples() {
        return List.copyOf(duplicateSamples);
    }

    synchronized int size() {
        return received.size();
    }

    synchronized long maxGapMillis() {
        return maxGapNanos / 1_000_000;
    }

    /** The distinct outputs whose topic starts with {@code prefix}, payloads as JSON text, in arrival order. */
    synchronized List<String> payloads(String prefix) {
        return received.stream()
                .filter(m -> m.topic().startsWith(prefix))
                .map(m -> m.topic() + " " + m.payload().json())
                .toList();
    }
}

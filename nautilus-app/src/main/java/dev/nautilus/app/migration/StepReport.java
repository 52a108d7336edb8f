package dev.nautilus.app.migration;

import java.time.Duration;
import java.util.List;

/**
 * What one step (or rollback) did.
 *
 * @param engine   the engine moved
 * @param from     the layout it left
 * @param to       the layout it is on now
 * @param lanes    where each of its groups went
 * @param took     how long the step took, from the engine's stop being seen to its groups being created
 */
public record StepReport(String engine, Layout from, Layout to, List<GroupTranslation.Lane> lanes, Duration took) {

    /** Entries it had handled that its new groups deliver again (0 when the plan's order is kept). */
    public long overlap() {
        return lanes.stream().mapToLong(GroupTranslation.Lane::overlap).sum();
    }

    /**
     * Entries it had read and not acknowledged when it stopped, delivered again: read in the batch
     * it was stopped in and never handed to it, or handled with their acknowledgement lost.
     */
    public long redelivered() {
        return lanes.stream().mapToLong(GroupTranslation.Lane::pending).sum();
    }

    /** One line for the log and the terminal. */
    public String summary() {
        return engine + " " + from.key() + " -> " + to.key() + ": " + lanes.size() + " streams, "
                + lanes.stream().mapToLong(GroupTranslation.Lane::toDeliver).sum()
                + " entries still to deliver, overlap " + overlap() + ", pending at stop " + redelivered() + ", "
                + took.toMillis() + " ms";
    }
}

package dev.nautilus.bus.redis.monitor;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The counters of one stream that {@code XINFO STREAM} reports (Redis 7+), from which the entries a
 * group lost to trimming are worked out (see {@link #trimmedBeforeDelivery}).
 *
 * @param length           entries in the stream now
 * @param entriesAdded     entries ever added (Redis 7+), absent on older Redis
 * @param firstEntryId     the first entry still in the stream, absent when the stream is empty
 * @param lastGeneratedId  the id of the last entry ever added
 * @param maxDeletedId     the largest id removed by {@code XDEL} ({@code 0-0}: none), absent before Redis 7
 */
public record StreamCounters(
        long length,
        OptionalLong entriesAdded,
        Optional<String> firstEntryId,
        String lastGeneratedId,
        Optional<String> maxDeletedId) {

    /** Parses an {@code XINFO STREAM} reply (alternating names and values, as {@link GroupInfo} reads). */
    public static StreamCounters fromXinfoStream(List<?> reply) {
        java.util.Map<String, Object> fields = GroupInfo.fieldsOf(reply);
        Optional<String> first = Optional.empty();
        if (fields.get("first-entry") instanceof List<?> entry && !entry.isEmpty()) {
            first = Optional.ofNullable(GroupInfo.text(entry.get(0)));
        }
        return new StreamCounters(
                GroupInfo.number(fields.get("length")).orElse(0),
                GroupInfo.number(fields.get("entries-added")),
                first,
                Optional.ofNullable(GroupInfo.text(fields.get("last-generated-id")))
                        .orElse("0-0"),
                Optional.ofNullable(GroupInfo.text(fields.get("max-deleted-entry-id"))));
    }

    /**
     * How many entries were trimmed from the stream before {@code group} read them, while the
     * group has not read past them yet: every entry before the first one kept is gone
     * ({@code entries-added − length} of them), and the group had read {@code entries-read} of
     * those, so the rest never reached it. Absent when Redis cannot tell: before Redis 7 (no
     * counters), when the group's counter is unknown, or when entries were deleted with
     * {@code XDEL} (then {@code length} no longer counts from the first entry ever added).
     *
     * <p>Once a reader reads past the gap, Redis 7.2 and later re-estimate the group's counter
     * from the stream and the gap is no longer visible (0 here); Redis 7.0 keeps counting one by
     * one, so there the gap stays in {@code lag} after the group caught up.
     */
    public OptionalLong trimmedBeforeDelivery(GroupInfo group) {
        String delivered = group.lastDeliveredId().isEmpty() ? "0-0" : group.lastDeliveredId();
        // A group that was never delivered anything has read nothing, though Redis reports no
        // counter for one created on an empty stream.
        OptionalLong read =
                group.entriesRead().isPresent() || !delivered.equals("0-0") ? group.entriesRead() : OptionalLong.of(0);
        if (entriesAdded.isEmpty() || read.isEmpty() || maxDeletedId.isEmpty()) {
            return OptionalLong.empty();
        }
        String deleted = maxDeletedId.get();
        if (!deleted.equals("0-0") && (firstEntryId.isEmpty() || compareIds(deleted, firstEntryId.get()) >= 0)) {
            return OptionalLong.empty();
        }
        boolean behindTheTrim = firstEntryId
                .map(first -> compareIds(delivered, first) < 0)
                .orElse(compareIds(delivered, lastGeneratedId) < 0);
        if (!behindTheTrim) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(Math.max(0, entriesAdded.getAsLong() - length - read.getAsLong()));
    }

    /**
     * How many entries were trimmed from the stream in all, when some of them may have come after
     * {@code position} (the first entry kept is later than it): a replay from {@code position} then
     * misses them. 0 when every entry after {@code position} is still there; absent when Redis cannot
     * tell (before Redis 7, or entries deleted with {@code XDEL}).
     */
    public OptionalLong trimmedAfter(String position) {
        if (entriesAdded.isEmpty()
                || maxDeletedId.isEmpty()
                || !maxDeletedId.get().equals("0-0")) {
            return OptionalLong.empty();
        }
        long trimmed = entriesAdded.getAsLong() - length;
        boolean gap = trimmed > 0
                && firstEntryId.map(first -> compareIds(first, position) > 0).orElse(true);
        return OptionalLong.of(gap ? trimmed : 0);
    }

    /** Compares two stream ids ({@code ms-seq}) numerically. */
    static int compareIds(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        int ms = Long.compareUnsigned(x[0], y[0]);
        return ms != 0 ? ms : Long.compareUnsigned(x[1], y[1]);
    }

    private static long[] parse(String id) {
        int dash = id.indexOf('-');
        try {
            return dash < 0
                    ? new long[] {Long.parseUnsignedLong(id), 0}
                    : new long[] {
                        Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))
                    };
        } catch (NumberFormatException e) {
            return new long[] {0, 0};
        }
    }
}

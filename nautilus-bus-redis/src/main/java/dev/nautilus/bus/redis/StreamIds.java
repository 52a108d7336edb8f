package dev.nautilus.bus.redis;

/** Stream entry ids ({@code ms-seq}, or {@code ms}) compared as numbers, as Redis orders them. */
public final class StreamIds {

    private StreamIds() {}

    /**
     * Negative, zero or positive as {@code a} comes before, is, or comes after {@code b}.
     *
     * @throws NumberFormatException when either is not a stream id
     */
    public static int compare(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        long msA = Long.parseUnsignedLong(dashA < 0 ? a : a.substring(0, dashA));
        long msB = Long.parseUnsignedLong(dashB < 0 ? b : b.substring(0, dashB));
        if (msA != msB) {
            return Long.compareUnsigned(msA, msB);
        }
        long seqA = dashA < 0 ? 0 : Long.parseUnsignedLong(a.substring(dashA + 1));
        long seqB = dashB < 0 ? 0 : Long.parseUnsignedLong(b.substring(dashB + 1));
        return Long.compareUnsigned(seqA, seqB);
    }

    /** The id just before {@code id}: a group created there delivers {@code id} next. */
    public static String before(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseUnsignedLong(dash < 0 ? id : id.substring(0, dash));
        long seq = dash < 0 ? 0 : Long.parseUnsignedLong(id.substring(dash + 1));
        if (seq != 0) {
            return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq - 1);
        }
        return ms == 0 ? "0-0" : Long.toUnsignedString(ms - 1) + "-" + Long.toUnsignedString(-1L);
    }
}

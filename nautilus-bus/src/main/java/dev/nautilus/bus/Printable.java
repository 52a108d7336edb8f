package dev.nautilus.bus;

/** Outside text made safe to put in a log line or an error: control characters escaped, length bounded. */
public final class Printable {

    /** How much of an outside value an error or a log line repeats. */
    public static final int MAX_CHARS = 120;

    private Printable() {}

    /** {@code text} quoted, with control and non-ASCII characters escaped and anything past {@link #MAX_CHARS} cut. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16).append('\'');
        int end = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append('\'');
        if (text.length() > MAX_CHARS) {
            out.append("… (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}

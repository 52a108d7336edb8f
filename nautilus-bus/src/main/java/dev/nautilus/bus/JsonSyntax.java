package dev.nautilus.bus;

/**
 * Checks that bytes are valid UTF-8 holding exactly one JSON value (RFC 8259), as strictly as
 * {@link Json}'s Jackson mapping reads: no comments, {@code NaN}, leading zeros, single quotes,
 * unescaped control characters or trailing commas; whitespace around the value only; in a field
 * name, a {@code \\u} escape of a surrogate only as half of a pair (Jackson 2.21.8). It holds
 * {@link Json#READ_CONSTRAINTS}' bounds (nesting, number, string and name lengths), so that a
 * payload it accepts is one Jackson can read.
 *
 * <p>Hand-rolled, with the reason measured: every payload read off a stream is checked before
 * any handler sees it (a malformed one is dead-lettered). Jackson's token scan
 * ({@code createParser} + {@code skipChildren}) needs a decoded {@code String}, builds a parser
 * per payload, and was 11 % of the bus's CPU samples on the throughput bench (JFR, 2026-12-07);
 * this check reads the bytes as they came, in one pass, allocating only its cursor.
 * {@code PayloadCodecBenchmark} measures both; {@code JsonSyntaxTest} holds the two to the same
 * verdicts on a corpus and on random mutations of it.
 */
final class JsonSyntax {

    private static final int MAX_DEPTH = Json.READ_CONSTRAINTS.getMaxNestingDepth();
    private static final int MAX_NUMBER_CHARS = Json.READ_CONSTRAINTS.getMaxNumberLength();
    private static final int MAX_STRING_CHARS = Json.READ_CONSTRAINTS.getMaxStringLength();
    private static final int MAX_NAME_CHARS = Json.READ_CONSTRAINTS.getMaxNameLength();

    private final byte[] bytes;
    private final int end;
    private int at;

    private JsonSyntax(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.at = offset;
        this.end = offset + length;
    }

    /**
     * Checks the {@code length} bytes at {@code offset}.
     *
     * @throws PayloadException saying what is wrong and at which byte (counted from {@code offset})
     */
    static void check(byte[] bytes, int offset, int length) {
        new JsonSyntax(bytes, offset, length).document(offset);
    }

    private void document(int offset) {
        whitespace();
        if (at == end) {
            throw new PayloadException("payload is empty, expected JSON");
        }
        try {
            value(0);
            whitespace();
            if (at != end) {
                throw invalid("trailing content after the value");
            }
        } catch (Invalid e) {
            throw new PayloadException(e.getMessage() + " at byte " + (at - offset));
        }
    }

    private void value(int depth) {
        if (at == end) {
            throw invalid("unexpected end of input, expected a value");
        }
        switch (bytes[at]) {
            case '{' -> container(depth + 1, true);
            case '[' -> container(depth + 1, false);
            case '"' -> string(false);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** An object (members: a name, ':' and a value) or an array (values), separated by commas. */
    private void container(int depth, boolean object) {
        int close = object ? '}' : ']';
        nested(depth);
        whitespace();
        if (next() == close) {
            at++;
            return;
        }
        while (true) {
            if (object) {
                if (next() != '"') {
                    throw invalid(unexpected("a field name in double quotes"));
                }
                string(true);
                whitespace();
                if (next() != ':') {
                    throw invalid(unexpected("':' after a field name"));
                }
                at++;
                whitespace();
            }
            value(depth);
            whitespace();
            int c = next();
            at++;
            if (c == close) {
                return;
            }
            if (c != ',') {
                at--;
                throw invalid(unexpected(object ? "',' or '}' in an object" : "',' or ']' in an array"));
            }
            whitespace();
        }
    }

    /** Steps over the opening bracket, refusing one nested deeper than Jackson may read. */
    private void nested(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("nesting depth " + depth + " is over the limit of " + MAX_DEPTH);
        }
        at++;
    }

    /** A field name ({@code name}) or a string value, from its opening quote. */
    private void string(boolean name) {
        int maxChars = name ? MAX_NAME_CHARS : MAX_STRING_CHARS;
        String what = name ? "a field name" : "a string";
        // Jackson (2.21.8) refuses, in field names only, a \\u escape of a surrogate that is not
        // half of a pair of such escapes; in string values it takes them.
        boolean expectLow = false;
        at++; // the opening quote
        long chars = 0;
        while (true) {
            // the common run: ASCII that needs no look (a signed byte below 0x20 is a control
            // character or the start of a multi-byte sequence)
            int run = at;
            while (at < end) {
                byte b = bytes[at];
                if (b < 0x20 || b == '"' || b == '\\') {
                    break;
                }
                at++;
            }
            chars += at - run;
            if (chars > maxChars) {
                throw invalid(what + " longer than " + maxChars + " characters");
            }
            if (at >= end) {
                throw invalid("unexpected end of input in " + what);
            }
            int c = bytes[at] & 0xff;
            if (expectLow && (at > run || c != '\\')) {
                throw invalid("a broken surrogate pair in " + what);
            }
            if (c == '"') {
                at++;
                return;
            }
            if (c == '\\') {
                int unit = escape();
                chars++;
                if (name) {
                    boolean low = Character.isLowSurrogate((char) unit);
                    if (low != expectLow) {
                        throw invalid((low ? "an unpaired low surrogate in " : "a broken surrogate pair in ") + what);
                    }
                    expectLow = Character.isHighSurrogate((char) unit);
                }
            } else if (c < 0x20) {
                throw invalid("unescaped control character 0x" + Integer.toHexString(c) + " in " + what);
            } else {
                chars += utf8Sequence(c); // Jackson counts UTF-16 chars: two for one beyond the BMP
            }
        }
    }

    /** Steps over one escape; the UTF-16 unit it stands for. */
    private int escape() {
        if (at + 1 >= end) {
            throw invalid("unexpected end of input in an escape");
        }
        int c = bytes[at + 1];
        switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                at += 2;
                return c;
            }
            case 'u' -> {
                if (at + 6 > end) {
                    throw invalid("unexpected end of input in a \\u escape");
                }
                int unit = 0;
                for (int k = at + 2; k < at + 6; k++) {
                    int digit = Character.digit(bytes[k], 16);
                    if (digit < 0) {
                        at = k;
                        throw invalid("a \\u escape needs four hex digits");
                    }
                    unit = unit * 16 + digit;
                }
                at += 6;
                return unit;
            }
            default -> {
                at++;
                throw invalid("unknown escape '\\" + (char) (c & 0xff) + "'");
            }
        }
    }

    /**
     * Steps over one multi-byte UTF-8 sequence starting with {@code lead}, exactly as a strict
     * decoder accepts it (no overlong forms, no surrogates, nothing past U+10FFFF).
     *
     * @return the UTF-16 chars it stands for
     */
    private int utf8Sequence(int lead) {
        int length;
        int low = 0x80;
        int high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            low = lead == 0xe0 ? 0xa0 : 0x80;
            high = lead == 0xed ? 0x9f : 0xbf;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            low = lead == 0xf0 ? 0x90 : 0x80;
            high = lead == 0xf4 ? 0x8f : 0xbf;
        } else {
            throw notUtf8();
        }
        if (at + length > end) {
            throw notUtf8();
        }
        int second = bytes[at + 1] & 0xff;
        if (second < low || second > high) {
            throw notUtf8();
        }
        for (int k = at + 2; k < at + length; k++) {
            if ((bytes[k] & 0xc0) != 0x80) {
                throw notUtf8();
            }
        }
        at += length;
        return length == 4 ? 2 : 1;
    }

    private void literal(String word) {
        int length = word.length();
        if (at + length > end) {
            throw invalid(unexpected("'" + word + "'"));
        }
        for (int k = 0; k < length; k++) {
            if (bytes[at + k] != word.charAt(k)) {
                throw invalid(unexpected("'" + word + "'"));
            }
        }
        at += length;
    }

    private void number() {
        int start = at;
        if (bytes[at] == '-') {
            at++;
            start = at; // Jackson bounds the digits, not the sign
        }
        if (at < end && bytes[at] == '0') {
            at++;
            if (at < end && digit(bytes[at])) {
                throw invalid("a number with a leading zero");
            }
        } else if (!digits()) {
            throw invalid(unexpected("a value"));
        }
        if (at < end && bytes[at] == '.') {
            at++;
            if (!digits()) {
                throw invalid("a number with no digit after its decimal point");
            }
        }
        if (at < end && (bytes[at] == 'e' || bytes[at] == 'E')) {
            at++;
            if (at < end && (bytes[at] == '+' || bytes[at] == '-')) {
                at++;
            }
            if (!digits()) {
                throw invalid("a number with no digit in its exponent");
            }
        }
        if (at - start > MAX_NUMBER_CHARS) {
            at = start;
            throw invalid("a number longer than " + MAX_NUMBER_CHARS + " characters");
        }
    }

    /** Steps over digits; whether there was at least one. */
    private boolean digits() {
        int start = at;
        while (at < end && digit(bytes[at])) {
            at++;
        }
        return at > start;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void whitespace() {
        while (at < end) {
            byte b = bytes[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    /** The byte at the cursor, or -1 at the end. */
    private int next() {
        return at < end ? bytes[at] & 0xff : -1;
    }

    private String unexpected(String expected) {
        if (at >= end) {
            return "unexpected end of input, expected " + expected;
        }
        int c = bytes[at] & 0xff;
        String found = c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c);
        return "unexpected " + found + ", expected " + expected;
    }

    private static Invalid notUtf8() {
        return new Invalid("payload is not valid UTF-8");
    }

    private static Invalid invalid(String why) {
        return new Invalid("payload is not valid JSON: " + why);
    }

    /**
     * Why the check failed, thrown from deep in the value and turned into a {@link PayloadException}
     * with the position at the top; no stack trace is taken, as a poison entry may come often.
     */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}

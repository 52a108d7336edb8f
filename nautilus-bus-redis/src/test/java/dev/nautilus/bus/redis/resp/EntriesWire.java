package dev.nautilus.bus.redis.resp;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds an {@code XREADGROUP} reply as Redis sends it, of one stream, as a stream of bytes: a
 * value may be a run of one byte millions long, generated as it is read rather than held.
 */
final class EntriesWire {

    private final List<InputStream> parts = new ArrayList<>();
    private final List<Object[]> entries = new ArrayList<>();

    /** An entry of field/value pairs; each is a {@code String}, a {@code byte[]} or a {@link Run}. */
    EntriesWire entry(String id, Object... values) {
        entries.add(new Object[] {id, values});
        return this;
    }

    /** {@code count} times {@code value}, never held in memory whole. */
    record Run(byte value, long count) {}

    InputStream stream(String stream) {
        text("*1\r\n*2\r\n");
        bulk(stream.getBytes(StandardCharsets.UTF_8));
        text("*" + entries.size() + "\r\n");
        for (Object[] entry : entries) {
            text("*2\r\n");
            bulk(((String) entry[0]).getBytes(StandardCharsets.UTF_8));
            Object[] values = (Object[]) entry[1];
            text("*" + values.length + "\r\n");
            for (Object value : values) {
                switch (value) {
                    case String s -> bulk(s.getBytes(StandardCharsets.UTF_8));
                    case byte[] b -> bulk(b);
                    case Run run -> {
                        text("$" + run.count() + "\r\n");
                        parts.add(new Repeat(run.value(), run.count()));
                        text("\r\n");
                    }
                    default -> throw new IllegalArgumentException(String.valueOf(value));
                }
            }
        }
        return new java.io.SequenceInputStream(Collections.enumeration(parts));
    }

    private void bulk(byte[] bytes) {
        text("$" + bytes.length + "\r\n");
        parts.add(new ByteArrayInputStream(bytes));
        text("\r\n");
    }

    private void text(String text) {
        parts.add(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** One byte, {@code count} times. */
    private static final class Repeat extends InputStream {
        private final byte value;
        private long left;

        Repeat(byte value, long count) {
            this.value = value;
            this.left = count;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int count = (int) Math.min(length, left);
            java.util.Arrays.fill(target, offset, offset + count, value);
            left -= count;
            return count;
        }
    }
}

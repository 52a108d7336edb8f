package dev.nautilus.bus.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.redis.resp.RespReader.MalformedReplyException;
import io.lettuce.core.RedisCommandExecutionException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reply parser fed byte fixtures, no server: every RESP2 reply type, each delivered whole, one
 * byte at a time and split at every point; error replies; and input that is not RESP or breaks
 * the bounds, which must fail clearly and at once rather than allocate or wait for ever.
 */
class RespReaderTest {

    /** What a test reads from a fixture, as a value to compare. */
    @FunctionalInterface
    interface Read {
        Object from(RespReader reader) throws IOException;
    }

    /** A valid reply, how to read it and what that gives; a {@code +NEXT} reply follows it on the wire. */
    record Fixture(String name, String wire, Read read, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An XREADGROUP reply as Redis 7 sends it: streams → entries → [id, field/value pairs]; one entry trimmed (nil fields). */
    private static final String XREADGROUP = "*2\r\n"
            + "*2\r\n$32\r\nnautilus:marketdata:price_update\r\n*2\r\n"
            + "*2\r\n$15\r\n1700000000000-0\r\n*4\r\n$5\r\ntopic\r\n$10\r\nprice.AAPL\r\n$7\r\npayload\r\n$10\r\n{\"px\":1.5}\r\n"
            + "*2\r\n$15\r\n1700000000000-1\r\n*-1\r\n"
            + "*2\r\n$39\r\nnautilus:marketdata:price_update:urgent\r\n*1\r\n"
            + "*2\r\n$3\r\n9-0\r\n*2\r\n$5\r\nempty\r\n$0\r\n\r\n";

    static Stream<Fixture> fixtures() {
        return Stream.of(
                new Fixture("simple string", "+OK\r\n", r -> type(r, '+') + r.readLine(), "+OK"),
                new Fixture("integer", ":1000\r\n", RespReader::readInteger, 1000L),
                new Fixture("negative integer", ":-42\r\n", RespReader::readInteger, -42L),
                new Fixture("largest integer", ":9223372036854775807\r\n", RespReader::readInteger, Long.MAX_VALUE),
                new Fixture("smallest integer", ":-9223372036854775808\r\n", RespReader::readInteger, Long.MIN_VALUE),
                new Fixture("bulk string", "$5\r\nhello\r\n", RespReader::readText, "hello"),
                new Fixture("empty bulk string", "$0\r\n\r\n", RespReader::readText, ""),
                new Fixture("bulk string holding CRLF", "$4\r\na\r\nb\r\n", RespReader::readText, "a\r\nb"),
                new Fixture("UTF-8 bulk string", "$5\r\né€\r\n", RespReader::readText, "é€"),
                new Fixture("null bulk string", "$-1\r\n", r -> String.valueOf(r.readBulk()), "null"),
                new Fixture(
                        "array",
                        "*3\r\n$3\r\nfoo\r\n:7\r\n$-1\r\n",
                        r -> List.of(r.readArrayLength(), r.readText(), r.readInteger(), String.valueOf(r.readBulk())),
                        List.of(3, "foo", 7L, "null")),
                new Fixture("empty array", "*0\r\n", RespReader::readArrayLength, 0),
                new Fixture("null array", "*-1\r\n", RespReader::readArrayLength, -1),
                new Fixture(
                        "XREADGROUP reply",
                        XREADGROUP,
                        RespReaderTest::streamEntries,
                        List.of(
                                "nautilus:marketdata:price_update 1700000000000-0 [topic, price.AAPL, payload, {\"px\":1.5}]",
                                "nautilus:marketdata:price_update 1700000000000-1 nil",
                                "nautilus:marketdata:price_update:urgent 9-0 [empty, ]")),
                new Fixture("skipped XREADGROUP reply", XREADGROUP, RespReaderTest::skip, "skipped"),
                new Fixture(
                        "skipped array of every type",
                        "*5\r\n+OK\r\n:1\r\n$1\r\nx\r\n$-1\r\n*1\r\n*-1\r\n",
                        RespReaderTest::skip,
                        "skipped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aReplyDeliveredWholeIsReadAndTheNextOneFollows(Fixture fixture) throws IOException {
        assertReadsAndThenNext(fixture, new ByteArrayInputStream(wireAndNext(fixture)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aReplyDeliveredOneByteAtATimeReadsTheSame(Fixture fixture) throws IOException {
        assertReadsAndThenNext(fixture, new ShortReads(wireAndNext(fixture), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aReplySplitAtEveryPointReadsTheSame(Fixture fixture) throws IOException {
        byte[] bytes = wireAndNext(fixture);
        for (int split = 1; split < bytes.length; split++) {
            InputStream in = new SequenceInputStream(
                    new ByteArrayInputStream(bytes, 0, split),
                    new ByteArrayInputStream(bytes, split, bytes.length - split));
            assertReadsAndThenNext(fixture, in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aReplyCutShortAtAnyPointIsAnEofNotAHang(Fixture fixture) {
        byte[] bytes = bytes(fixture.wire());
        for (int end = 0; end < bytes.length; end++) {
            RespReader reader = new RespReader(new ShortReads(Arrays.copyOf(bytes, end), 3));
            assertThatThrownBy(() -> fixture.read().from(reader))
                    .as("cut after %d bytes", end)
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void errorRepliesAreThrownWithRedisMessageAndLeaveTheStreamAtTheNextReply() throws IOException {
        List<String> errors = List.of(
                "ERR unknown command 'FOO', with args beginning with: ",
                "NOGROUP No such key 'nautilus:marketdata:price_update' or consumer group 'vpin' in XREADGROUP with GROUP option",
                "MOVED 3999 127.0.0.1:6381",
                "ASK 3999 127.0.0.1:6381",
                "WRONGPASS invalid username-password pair or user is disabled.",
                "BUSYGROUP Consumer Group name already exists");
        StringBuilder wire = new StringBuilder();
        errors.forEach(error -> wire.append('-').append(error).append("\r\n").append("$2\r\nok\r\n"));
        RespReader reader = new RespReader(new ShortReads(bytes(wire.toString()), 7));
        for (String error : errors) {
            assertThatThrownBy(reader::readArrayLength)
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage(error);
            assertThat(reader.readText()).isEqualTo("ok");
        }
    }

    @Test
    void anErrorReplyIsThrownWhenSkippedToo() throws IOException {
        RespReader reader = new RespReader(new ByteArrayInputStream(bytes("-NOGROUP gone\r\n+OK\r\n")));
        assertThatThrownBy(reader::skipWholeReply)
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessage("NOGROUP gone");
        reader.skipWholeReply();
    }

    @Test
    void negativeLengthsOtherThanNilAreMalformed() {
        assertMalformed(
                "$-2\r\nxx\r\n",
                RespReader::readBulk,
                "the length of a bulk string is negative, and only -1 (nil) may be");
        assertMalformed(
                "*-5\r\n", RespReader::readArrayLength, "the length of an array is negative, and only -1 (nil) may be");
        assertMalformed("*-10\r\n", RespReaderTest::skip, "the length of an array is negative");
    }

    @Test
    void lengthsThatAreNotDecimalNumbersAreMalformed() {
        assertMalformed("$12a\r\n", RespReader::readBulk, "the length of a bulk string has 'a' in it");
        assertMalformed("*abc\r\n", RespReader::readArrayLength, "the length of an array has 'a' in it");
        assertMalformed("$\r\n", RespReader::readBulk, "the length of a bulk string has no digits");
        assertMalformed("*-\r\n", RespReader::readArrayLength, "the length of an array has no digits");
        assertMalformed("$ 5\r\nhello\r\n", RespReader::readBulk, "has ' ' in it");
        assertMalformed("$5\n", RespReader::readBulk, "has byte 0x0a in it");
        assertMalformed("$5\rhello\r\n", RespReader::readBulk, "a line ending in '\\r' then 'h' instead of '\\n'");
    }

    @Test
    void integersThatAreNotDecimalNumbersOrBeyond64BitsAreMalformed() {
        assertMalformed(":12x\r\n", RespReader::readInteger, "an integer has 'x' in it");
        assertMalformed(":\r\n", RespReader::readInteger, "an integer has no digits");
        assertMalformed(":9223372036854775808\r\n", RespReader::readInteger, "an integer beyond 64 bits");
        assertMalformed(":-9223372036854775809\r\n", RespReader::readInteger, "an integer beyond 64 bits");
        assertMalformed(":1e3\r\n", RespReaderTest::skip, "an integer has 'e' in it");
    }

    @Test
    void aBulkStringLongerThanTheBoundIsRefusedBeforeAnyOfItIsRead() throws IOException {
        String atTheBound = "$1024\r\n" + "x".repeat(1024) + "\r\n";
        assertThat(new RespReader(new ByteArrayInputStream(bytes(atTheBound)), 1024, 16).readBulk())
                .hasSize(1024);
        // Nothing follows the length: the refusal cannot have waited for the bytes.
        assertThatThrownBy(() -> new RespReader(new ByteArrayInputStream(bytes("$1025\r\n")), 1024, 16).readBulk())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessage("a bulk string announced with more than the limit of 1024 bytes");
        // the edge of a zero bound: only the empty string passes
        assertThat(new RespReader(new ByteArrayInputStream(bytes("$0\r\n\r\n")), 0, 0).readBulk())
                .isEmpty();
        assertThatThrownBy(() -> new RespReader(new ByteArrayInputStream(bytes("$1\r\n")), 0, 0).readBulk())
                .hasMessage("a bulk string announced with more than the limit of 0 bytes");
    }

    @Test
    void anArrayWithMoreElementsThanTheBoundIsRefused() throws IOException {
        assertThat(new RespReader(new ByteArrayInputStream(bytes("*16\r\n")), 1024, 16).readArrayLength())
                .isEqualTo(16);
        assertThatThrownBy(() -> new RespReader(new ByteArrayInputStream(bytes("*17\r\n")), 1024, 16).readArrayLength())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessage("an array announced with more than the limit of 16 elements");
        assertThatThrownBy(() ->
                        new RespReader(new ByteArrayInputStream(bytes("*1\r\n*17\r\n")), 1024, 16).skipWholeReply())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessage("an array announced with more than the limit of 16 elements");
    }

    @Test
    void theDefaultBoundsAreRedisProtoMaxBulkLenAndSixteenMebiElements() {
        assertThatThrownBy(() -> new RespReader(new ByteArrayInputStream(bytes("$536870913\r\n"))).readBulk())
                .hasMessage("a bulk string announced with more than the limit of 536870912 bytes");
        assertThatThrownBy(() -> new RespReader(new ByteArrayInputStream(bytes("$2147483648\r\n"))).readBulk())
                .hasMessage("a bulk string announced with more than the limit of 536870912 bytes");
        assertThatThrownBy(() -> new RespReader(new ByteArrayInputStream(bytes("*16777217\r\n"))).readArrayLength())
                .hasMessage("an array announced with more than the limit of 16777216 elements");
    }

    @Test
    void aLengthWithEndlessDigitsIsRefusedWithoutReadingThemAll() {
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(bytes("$")), new Endless('9'));
        assertThatThrownBy(() -> new RespReader(endless).readBulk())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("more than the limit");
        InputStream negative = new SequenceInputStream(new ByteArrayInputStream(bytes("*-")), new Endless('9'));
        assertThatThrownBy(() -> new RespReader(negative).readArrayLength())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessageContaining("negative");
        InputStream integer = new SequenceInputStream(new ByteArrayInputStream(bytes(":")), new Endless('9'));
        assertThatThrownBy(() -> new RespReader(integer).readInteger()).hasMessage("an integer beyond 64 bits");
    }

    @Test
    void aLineWithoutEndIsRefusedAtTheBound() {
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(bytes("+")), new Endless('a'));
        assertThatThrownBy(() -> new RespReader(endless, 1024, 16).skipWholeReply())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessage("a line longer than the limit of 1024 bytes");
        InputStream error = new SequenceInputStream(new ByteArrayInputStream(bytes("-ERR ")), new Endless('a'));
        assertThatThrownBy(() -> new RespReader(error, 1024, 16).readBulk())
                .isInstanceOf(MalformedReplyException.class)
                .hasMessage("a line longer than the limit of 1024 bytes");
    }

    @Test
    void aLargeAnnouncedBulkStringCostsMemoryOnlyForTheBytesThatArrive() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        RespReader reader = new RespReader(new ByteArrayInputStream(bytes("$536870912\r\n" + "x".repeat(100))));
        long before = threads.getThreadAllocatedBytes(thread);
        assertThatThrownBy(reader::readBulk).isInstanceOf(EOFException.class);
        assertThat(threads.getThreadAllocatedBytes(thread) - before)
                .as("bytes allocated")
                .isLessThan(1024 * 1024);
    }

    @Test
    void aBulkStringLongerThanAnnouncedIsMalformed() {
        assertMalformed("$5\r\nhello!!\r\n", RespReader::readBulk, "a bulk string longer than announced");
    }

    @Test
    void aReplyOfAnotherTypeThanAskedForIsMalformed() {
        assertMalformed("+OK\r\n", RespReader::readBulk, "expected a bulk string, got type '+'");
        assertMalformed("$2\r\nok\r\n", RespReader::readArrayLength, "expected an array, got type '$'");
        assertMalformed(":1\r\n", RespReader::readText, "expected a bulk string, got type ':'");
        assertMalformed("\u0000", RespReader::readInteger, "expected an integer, got type byte 0x00");
    }

    @Test
    void resp3AndUnknownTypesAreMalformedWhenSkipped() {
        assertMalformed("%1\r\n+a\r\n+b\r\n", RespReaderTest::skip, "unknown reply type '%'");
        assertMalformed("_\r\n", RespReaderTest::skip, "unknown reply type '_'");
        assertMalformed("*2\r\n+a\r\n#t\r\n", RespReaderTest::skip, "unknown reply type '#'");
    }

    @Test
    void aStreamThatReturnsNoBytesFailsInsteadOfSpinning() {
        InputStream nothing = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return 0;
            }
        };
        assertThatThrownBy(() -> new RespReader(nothing).readBulk())
                .isInstanceOf(IOException.class)
                .hasMessage("a read of the reply stream returned no bytes");
    }

    @Test
    void aTimeoutBeforeAReplyLeavesTheStreamAtABoundaryAndOneInsideItDoesNot() throws IOException {
        RespReader idle = new RespReader(new TimesOutAfter(bytes("")));
        assertThatThrownBy(idle::skipWholeReply).isInstanceOf(SocketTimeoutException.class);
        assertThat(idle.inReply()).isFalse();

        RespReader halfWay = new RespReader(new TimesOutAfter(bytes("+OK\r\n*2\r\n$1\r\na\r\n")));
        halfWay.skipWholeReply();
        assertThat(halfWay.inReply()).isFalse();
        assertThatThrownBy(halfWay::skipWholeReply).isInstanceOf(SocketTimeoutException.class);
        assertThat(halfWay.inReply()).isTrue();
    }

    private static void assertReadsAndThenNext(Fixture fixture, InputStream in) throws IOException {
        RespReader reader = new RespReader(in);
        assertThat(fixture.read().from(reader)).isEqualTo(fixture.expected());
        assertThat(type(reader, '+') + reader.readLine())
                .as("the reply after it")
                .isEqualTo("+NEXT");
    }

    private static void assertMalformed(String wire, Read read, String message) {
        // one byte at a time too: a check must not depend on where the reads split
        for (InputStream in : List.of(new ByteArrayInputStream(bytes(wire)), new ShortReads(bytes(wire), 1))) {
            assertThatThrownBy(() -> read.from(new RespReader(in)))
                    .isInstanceOf(MalformedReplyException.class)
                    .hasMessageContaining(message);
        }
    }

    /** Reads an XREADGROUP reply as StreamEntriesReply does, one line per entry. */
    private static List<String> streamEntries(RespReader reader) throws IOException {
        List<String> entries = new ArrayList<>();
        int streams = reader.readArrayLength();
        for (int s = 0; s < streams; s++) {
            assertThat(reader.readArrayLength()).isEqualTo(2);
            String stream = reader.readText();
            int count = reader.readArrayLength();
            for (int e = 0; e < count; e++) {
                assertThat(reader.readArrayLength()).isEqualTo(2);
                String id = reader.readText();
                int values = reader.readArrayLength();
                List<String> pairs = new ArrayList<>();
                for (int v = 0; v < values; v++) {
                    pairs.add(reader.readText());
                }
                entries.add(stream + " " + id + " " + (values < 0 ? "nil" : pairs.toString()));
            }
        }
        return entries;
    }

    private static String skip(RespReader reader) throws IOException {
        reader.skipWholeReply();
        return "skipped";
    }

    private static String type(RespReader reader, char expected) throws IOException {
        int type = reader.readType();
        assertThat((char) type).isEqualTo(expected);
        return String.valueOf((char) type);
    }

    private static byte[] wireAndNext(Fixture fixture) {
        return bytes(fixture.wire() + "+NEXT\r\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns at most {@code most} bytes per read, as a socket may. */
    private static final class ShortReads extends InputStream {
        private final byte[] bytes;
        private final int most;
        private int at;

        ShortReads(byte[] bytes, int most) {
            this.bytes = bytes;
            this.most = most;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (at == bytes.length) {
                return -1;
            }
            int count = Math.min(Math.min(length, most), bytes.length - at);
            System.arraycopy(bytes, at, target, offset, count);
            at += count;
            return count;
        }
    }

    /** The same byte for ever. */
    private static final class Endless extends InputStream {
        private final int value;

        Endless(char value) {
            this.value = value;
        }

        @Override
        public int read() {
            return value;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            Arrays.fill(target, offset, offset + length, (byte) value);
            return length;
        }
    }

    /** The given bytes, then a read timeout, as a socket with SO_TIMEOUT whose peer went quiet. */
    private static final class TimesOutAfter extends InputStream {
        private final InputStream bytes;

        TimesOutAfter(byte[] bytes) {
            this.bytes = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int count = bytes.read(target, offset, length);
            if (count <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            return count;
        }
    }
}

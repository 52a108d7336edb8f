package dev.nautilus.bus.redis.resp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.codec.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes RespWriter produces, written out by hand from the RESP2 specification. */
class RespWriterTest {

    @Test
    void aCommandIsAnArrayOfBulkStrings() {
        assertThat(text(RespWriter.command("SET", "key", "value")))
                .isEqualTo("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n");
    }

    @Test
    void anEmptyArgumentIsAnEmptyBulkString() {
        assertThat(text(RespWriter.command("CLIENT", "SETNAME", "")))
                .isEqualTo("*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$0\r\n\r\n");
    }

    @Test
    void lengthsCountUtf8BytesNotCharacters() {
        // "é" is two bytes, "€" three
        assertThat(RespWriter.command("é€")).isEqualTo("*1\r\n$5\r\né€\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsAndLengthsOfSeveralDigitsAreWrittenInFull() {
        String[] arguments = new String[12];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = "x".repeat(i == 11 ? 1234 : 1);
        }
        String encoded = text(RespWriter.command(arguments));
        assertThat(encoded).startsWith("*12\r\n$1\r\nx\r\n").endsWith("$1234\r\n" + "x".repeat(1234) + "\r\n");
        assertThat(encoded).hasSize(5 + 11 * 7 + 7 + 1234 + 2);
    }

    @Test
    void piecesWrittenIntoABufferAreTheSameBytesAsAWholeCommand() {
        byte[] head = RespWriter.bulk("XACK");
        byte[] target = new byte[RespWriter.arrayHeaderLength(2) + head.length + RespWriter.bulkLength(3)];
        int at = RespWriter.putArrayHeader(target, 0, 2);
        at = RespWriter.put(target, at, head);
        at = RespWriter.putBulk(target, at, "0-1".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isEqualTo(target.length);
        assertThat(target).isEqualTo(RespWriter.command("XACK", "0-1"));
    }

    @Test
    void anXaddIsTheSameBytesAsTheCommandWrittenArgumentByArgument() {
        EnvelopeCodec codec = new EnvelopeCodec();
        Message message = Message.builder(MessageType.PRICE_UPDATE, "price.AAPL")
                .source("test")
                .payload(Map.of("px", 1.5))
                .timestampMicros(1_700_000_000_000_000L)
                .build();
        List<String> arguments =
                new ArrayList<>(List.of("XADD", "nautilus:marketdata:price_update", "MAXLEN", "~", "100000", "*"));
        codec.encode(message).forEach((name, value) -> {
            arguments.add(name);
            arguments.add(value);
        });
        byte[] xadd = new XaddEncoder(codec, 100_000).encode("nautilus:marketdata:price_update", message);
        assertThat(text(xadd)).isEqualTo(text(RespWriter.command(arguments.toArray(String[]::new))));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

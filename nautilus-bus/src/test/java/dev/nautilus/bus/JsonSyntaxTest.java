package dev.nautilus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The payload check on bytes gives the verdict the reading it replaced gave: strict UTF-8
 * decoding, then Jackson under {@link Json}'s constraints. Held on hand-picked cases and on random
 * documents and random mutations of them, so that a difference in any corner shows up.
 */
class JsonSyntaxTest {

    private static final byte[] INTERESTING =
            " \t\r\n{}[]:,\"\\/-+.0123456789eEtfnulrsa\u007f".getBytes(StandardCharsets.ISO_8859_1);
    private static final int[] HIGH_BYTES = {
        0x00, 0x1f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff
    };

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "0",
                "-0",
                "1.5e-7",
                "-12.25E+3",
                "true",
                "false",
                "null",
                "\"\"",
                " \n\t\r{ } ",
                "{\"a\":[1,2,{\"b\":null}],\"c\":\"x\\u00e9\\n\\\"\\\\\\/\"}",
                "\"é€😀\"",
                "[1E400]",
                "{\"a\":1,\"a\":2}",
                "\"\u007f\"",
                // a surrogate escape that is not half of a pair: taken in a value, refused in a name (below)
                "[\"\\uDE00\", \"\\uD83Dx\"]",
                "{\"\\uD83D\\uDE00\":1}"
            })
    void acceptsWhatJacksonAccepts(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(jacksonAccepts(bytes)).isTrue();
        JsonSyntax.check(bytes, 0, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "}",
                "[1,]",
                "[,1]",
                "{\"a\":1,}",
                "{\"a\"}",
                "{a:1}",
                "{'a':1}",
                "01",
                "-01",
                "1.",
                ".5",
                "+1",
                "-",
                "1e",
                "1e+",
                "NaN",
                "Infinity",
                "tru",
                "nul",
                "truex",
                "[] []",
                "{} x",
                "\"\\x\"",
                "\"\\u12G4\"",
                "\"\\u12\"",
                "\"a\tb\"",
                "\"open",
                "[1 2]",
                "{\"a\":1 \"b\":2}",
                "// c\n1",
                "\ufeff{}",
                "\"\u0000\"",
                "{\"a\" 1}",
                "[1}",
                "{\"a\":1]",
                "{\"\\uDE00\":1}",
                "{\"\\uD83D\":1}",
                "{\"\\uD83Dx\":1}",
                "{\"\\uD83D\\n\":1}",
                "{\"\\uD83D\\u0041\":1}"
            })
    void refusesWhatJacksonRefuses(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(jacksonAccepts(bytes)).isFalse();
        assertThatThrownBy(() -> JsonSyntax.check(bytes, 0, bytes.length)).isInstanceOf(PayloadException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c3", "e282", "eda080", "c0af", "e080af", "f4908080", "f5808080", "80", "ff", "f09f98"})
    void refusesBytesThatAreNotUtf8InAString(String hex) {
        byte[] bytes = concat(
                "\"ab".getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex(hex), new byte[] {'"'});
        assertThat(jacksonAccepts(bytes)).isFalse();
        assertThatThrownBy(() -> JsonSyntax.check(bytes, 0, bytes.length))
                .isInstanceOf(PayloadException.class)
                .hasMessage("payload is not valid UTF-8 at byte 3");
    }

    @Test
    void saysWhatIsWrongAndWhere() {
        assertThatThrownBy(() -> check("{\"price\": 01}"))
                .hasMessage("payload is not valid JSON: a number with a leading zero at byte 11");
        assertThatThrownBy(() -> check("[1, 2,]"))
                .hasMessage("payload is not valid JSON: unexpected ']', expected a value at byte 6");
        assertThatThrownBy(() -> check("{} {}"))
                .hasMessage("payload is not valid JSON: trailing content after the value at byte 3");
        assertThatThrownBy(() -> check("[".repeat(257) + "]".repeat(257)))
                .hasMessage("payload is not valid JSON: nesting depth 257 is over the limit of 256 at byte 256");
        assertThatThrownBy(() -> check("  ")).hasMessage("payload is empty, expected JSON");
    }

    @Test
    void holdsJacksonsLengthBounds() {
        check("[" + "1".repeat(256) + "]");
        check("-" + "1".repeat(256));
        assertThatThrownBy(() -> check("[" + "1".repeat(257) + "]")).hasMessageContaining("a number longer than 256");
        check("{\"" + "k".repeat(4096) + "\":1}");
        assertThatThrownBy(() -> check("{\"" + "k".repeat(4097) + "\":1}"))
                .hasMessageContaining("a field name longer than 4096 characters");
        check("{\"" + "😀".repeat(2048) + "\":1}"); // two UTF-16 chars each, as Jackson counts them
        assertThatThrownBy(() -> check("{\"" + "😀".repeat(2049) + "\":1}")).hasMessageContaining("field name");
    }

    @Test
    void agreesWithJacksonOnRandomDocumentsAndTheirMutations() {
        Random random = new Random(20261207);
        int accepted = 0;
        int refused = 0;
        List<String> disagreements = new ArrayList<>();
        for (int d = 0; d < 1500; d++) {
            byte[] document = document(random, 0).getBytes(StandardCharsets.UTF_8);
            for (int m = 0; m < 25; m++) {
                byte[] bytes = m == 0 ? document : mutate(random, document);
                boolean jackson = jacksonAccepts(bytes);
                boolean ours = accepts(bytes);
                if (jackson != ours && disagreements.size() < 10) {
                    disagreements.add(
                            (jackson ? "Jackson accepts, the check refuses: " : "Jackson refuses, the check accepts: ")
                                    + HexFormat.of().formatHex(bytes));
                }
                if (ours) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(accepted).as("valid documents checked").isGreaterThan(3000);
        assertThat(refused).as("invalid documents checked").isGreaterThan(15_000);
    }

    @Test
    void aPayloadReadAsBytesGivesItsTextTreeAndType() {
        record Tick(String symbol, double price) {}
        byte[] bytes = "{\"symbol\":\"BTCUSD\",\"price\":65000.5,\"venue\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        Payload payload = Payload.utf8(bytes);
        assertThat(payload.json()).isEqualTo("{\"symbol\":\"BTCUSD\",\"price\":65000.5,\"venue\":\"é\"}");
        assertThat(payload.tree().get("venue").asText()).isEqualTo("é");
        assertThat(Payload.utf8(bytes).as(Tick.class)).isEqualTo(new Tick("BTCUSD", 65000.5));
        assertThat(payload.utf8()).isEqualTo(ByteBuffer.wrap(bytes));
        assertThat(payload.utf8().isReadOnly()).isTrue();

        Payload encoded = Payload.of(new Tick("ETHUSD", 3000.25));
        assertThat(StandardCharsets.UTF_8.decode(encoded.utf8()).toString()).isEqualTo(encoded.json());
        assertThat(encoded.json()).isEqualTo(Json.write(new Tick("ETHUSD", 3000.25)));
    }

    private static void check(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonSyntax.check(bytes, 0, bytes.length);
    }

    private static boolean accepts(byte[] bytes) {
        try {
            JsonSyntax.check(bytes, 0, bytes.length);
            return true;
        } catch (PayloadException e) {
            return false;
        }
    }

    /** What the reader did before: a strict UTF-8 decode, then Jackson's full parse. */
    private static boolean jacksonAccepts(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        try {
            Json.parse(text);
            return true;
        } catch (PayloadException e) {
            return false;
        }
    }

    private static String document(Random random, int depth) {
        int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        String space = random.nextInt(8) == 0 ? " \n" : "";
        return switch (kind) {
            case 0 -> {
                StringBuilder object = new StringBuilder("{" + space);
                int fields = random.nextInt(4);
                for (int f = 0; f < fields; f++) {
                    object.append(f == 0 ? "" : ",")
                            .append(string(random))
                            .append(space)
                            .append(':')
                            .append(document(random, depth + 1));
                }
                yield object.append(space).append('}').toString();
            }
            case 1 -> {
                StringBuilder array = new StringBuilder("[");
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    array.append(i == 0 ? "" : "," + space).append(document(random, depth + 1));
                }
                yield array.append(']').toString();
            }
            case 2 -> string(random);
            case 3 -> number(random);
            case 4 -> List.of("true", "false", "null").get(random.nextInt(3));
            default -> number(random);
        };
    }

    private static String string(Random random) {
        String[] pieces = {
            "a", "price", "é", "€", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\uD83D\\uDE00", " ", "\u007f"
        };
        StringBuilder text = new StringBuilder("\"");
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.append('"').toString();
    }

    private static String number(Random random) {
        StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
        number.append(random.nextInt(4) == 0 ? "0" : Long.toString(1 + random.nextInt(100_000)));
        if (random.nextBoolean()) {
            number.append('.').append(random.nextInt(1000));
        }
        if (random.nextInt(4) == 0) {
            number.append(random.nextBoolean() ? 'e' : 'E')
                    .append(List.of("", "+", "-").get(random.nextInt(3)))
                    .append(random.nextInt(30));
        }
        return number.toString();
    }

    private static byte[] mutate(Random random, byte[] document) {
        byte[] bytes = document.length == 0 ? new byte[] {'1'} : document;
        int at = random.nextInt(bytes.length);
        byte pick = random.nextInt(4) == 0
                ? (byte) HIGH_BYTES[random.nextInt(HIGH_BYTES.length)]
                : INTERESTING[random.nextInt(INTERESTING.length)];
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] replaced = bytes.clone();
                replaced[at] = pick;
                yield replaced;
            }
            case 1 -> concat(Arrays.copyOf(bytes, at), new byte[] {pick}, Arrays.copyOfRange(bytes, at, bytes.length));
            case 2 -> concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + 1, bytes.length));
            default -> Arrays.copyOf(bytes, at);
        };
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}

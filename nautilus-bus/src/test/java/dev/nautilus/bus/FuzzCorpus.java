package dev.nautilus.bus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed corpus of a fuzz property: a resource of one input a line, which the property runs
 * before its generated tries. Lines starting with {@code #} are comments. An input is text with
 * escapes, so that control bytes and huge inputs fit a line: {@code \r}, {@code \n}, {@code \t},
 * {@code \\}, {@code \xHH} (one byte), {@code \}{@code uHHHH} (one character, as UTF-8) and
 * {@code <N*text>} ({@code text} repeated {@code N} times; {@code \<} is a literal {@code <}).
 */
public final class FuzzCorpus {

    private FuzzCorpus() {}

    /** The inputs of the resource, each as bytes. */
    public static List<byte[]> lines(String resource) {
        List<byte[]> inputs = new ArrayList<>();
        try (InputStream in = FuzzCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    inputs.add(unescape(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inputs;
    }

    /** One input line as bytes (see the class comment). */
    public static byte[] unescape(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '<') {
                int star = line.indexOf('*', i);
                int end = line.indexOf('>', star);
                int times = Integer.parseInt(line.substring(i + 1, star));
                byte[] text = unescape(line.substring(star + 1, end));
                for (int t = 0; t < times; t++) {
                    out.writeBytes(text);
                }
                i = end;
            } else if (c == '\\' && i + 1 < line.length()) {
                char e = line.charAt(++i);
                switch (e) {
                    case 'r' -> out.write('\r');
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'x' -> {
                        out.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    case 'u' -> {
                        out.writeBytes(String.valueOf((char) Integer.parseInt(line.substring(i + 1, i + 5), 16))
                                .getBytes(StandardCharsets.UTF_8));
                        i += 4;
                    }
                    default -> out.write(e);
                }
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}

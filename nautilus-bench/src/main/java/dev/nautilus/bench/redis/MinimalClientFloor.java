package dev.nautilus.bench.redis;

import dev.nautilus.bench.FixedRate;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The latency floor of the bus's path on this machine: the same Redis commands as a Nautilus
 * publisher and reader ({@code XADD … MAXLEN ~}, a blocking {@code XREADGROUP}, {@code XACK}), the
 * same rate, clock and payload size, but sent by the smallest client there is: two blocking
 * sockets, no envelope, no JSON, no bus. What this client cannot beat, the bus cannot either.
 * {@link #deliver} is its throughput form: the publisher pipelines its {@code XADD}s, the reader
 * reads batches and acknowledges each batch with its next read.
 */
public final class MinimalClientFloor {

    private static final String STREAM = "floor:stream";
    private static final String GROUP = "floor";

    private MinimalClientFloor() {}

    /** Latency from each message's intended send time to its reading, for the measured messages after the warm-up ones. */
    static Histogram measure(int port, int ratePerSecond, long warmup, long measured, int payloadBytes)
            throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long total = warmup + measured;
        try (Socket publisher = connect(port);
                Socket reader = connect(port)) {
            OutputStream out = new BufferedOutputStream(publisher.getOutputStream());
            DataInputStream replies = new DataInputStream(new BufferedInputStream(publisher.getInputStream()));
            Thread drain = setUp(out, replies, total);
            long[] seen = {0};
            Thread consumer = Thread.ofPlatform()
                    .daemon(true)
                    .name("floor-reader")
                    .start(() -> read(reader, total, (fields, now) -> {
                        long intended = Long.parseLong((String) fields.get(1));
                        if (seen[0]++ >= warmup) {
                            histogram.recordValue(Math.min(now - intended, histogram.getHighestTrackableValue()));
                        }
                    }));
            String pad = "p".repeat(Math.max(0, payloadBytes - 20));
            FixedRate.run(total, ratePerSecond, TimeUnit.MILLISECONDS.toNanos(100), (i, intended) -> {
                send(out, "XADD", STREAM, "MAXLEN", "~", "100000", "*", "t", Long.toString(intended), "pad", pad);
                out.flush();
            });
            consumer.join(Duration.ofSeconds(30));
            drain.join(Duration.ofSeconds(5));
        }
        return histogram;
    }

    /** The floor's own entry: one field of {@code payloadBytes}, nothing else. */
    public static List<String> oneField(int payloadBytes) {
        return List.of("payload", "p".repeat(payloadBytes));
    }

    /**
     * Delivers {@code messages} entries holding {@code fields} (names and values in turn: the
     * floor's {@link #oneField}, or e.g. the very fields a Nautilus envelope has, for what Redis's
     * side of that entry costs). The publisher writes its {@code XADD}s without waiting for replies
     * (a second thread reads those), the reader hands each entry to a no-op handler and
     * acknowledges the batch with its next {@code XREADGROUP}. Returns once every entry was read
     * and the last batch acknowledged.
     */
    public static void deliver(int port, long messages, List<String> fields) throws Exception {
        try (Socket publisher = connect(port);
                Socket reader = connect(port)) {
            OutputStream out = new BufferedOutputStream(publisher.getOutputStream(), 64 * 1024);
            DataInputStream replies =
                    new DataInputStream(new BufferedInputStream(publisher.getInputStream(), 64 * 1024));
            Thread drain = setUp(out, replies, messages);
            FutureTask<Void> consumer = new FutureTask<>(() -> {
                read(reader, messages, (idAndFields, now) -> {});
                return null;
            });
            Thread.ofPlatform().daemon(true).name("floor-reader").start(consumer);
            // the floor's message is bytes already: one command, written as often as there are messages
            List<String> arguments =
                    new ArrayList<>(List.of("XADD", STREAM, "MAXLEN", "~", Long.toString(messages + 100_000), "*"));
            arguments.addAll(fields);
            byte[] xadd = command(arguments.toArray(String[]::new));
            for (long i = 0; i < messages; i++) {
                out.write(xadd);
            }
            out.flush();
            consumer.get(Drain.STALL.toSeconds(), TimeUnit.SECONDS);
            drain.join(Duration.ofSeconds(5));
        }
    }

    /** What the reader does with one entry ({@code [field, value, …]}), given when its batch arrived. */
    @FunctionalInterface
    private interface EntryHandler {
        void handle(List<?> fields, long arrivedNanos);
    }

    /**
     * Recreates the stream and its group, then starts the thread that reads the publisher's
     * {@code total} replies.
     */
    private static Thread setUp(OutputStream out, DataInputStream replies, long total) throws IOException {
        send(out, "DEL", STREAM);
        send(out, "XGROUP", "CREATE", STREAM, GROUP, "$", "MKSTREAM");
        out.flush();
        reply(replies);
        reply(replies);
        return Thread.ofPlatform().daemon(true).name("floor-replies").start(() -> {
            try {
                for (long i = 0; i < total; i++) {
                    reply(replies);
                }
            } catch (IOException e) {
                // the publisher socket closed: the run is over
            }
        });
    }

    private static void read(Socket socket, long total, EntryHandler handler) {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            List<String> acks = new ArrayList<>();
            long seen = 0;
            while (seen < total) {
                if (!acks.isEmpty()) {
                    List<String> command = new ArrayList<>(List.of("XACK", STREAM, GROUP));
                    command.addAll(acks);
                    send(out, command.toArray(String[]::new));
                }
                send(out, "XREADGROUP", "GROUP", GROUP, "c", "COUNT", "500", "BLOCK", "2000", "STREAMS", STREAM, ">");
                out.flush();
                if (!acks.isEmpty()) {
                    reply(in);
                    acks.clear();
                }
                Object streams = reply(in);
                if (!(streams instanceof List<?> list) || list.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                for (Object entry : (List<?>) ((List<?>) list.get(0)).get(1)) {
                    List<?> idAndFields = (List<?>) entry;
                    acks.add((String) idAndFields.get(0));
                    handler.handle((List<?>) idAndFields.get(1), now);
                    seen++;
                }
            }
            if (!acks.isEmpty()) {
                List<String> command = new ArrayList<>(List.of("XACK", STREAM, GROUP));
                command.addAll(acks);
                send(out, command.toArray(String[]::new));
                out.flush();
                reply(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the floor's reader lost its connection: " + e.getMessage(), e);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static void send(OutputStream out, String... args) throws IOException {
        out.write(command(args));
    }

    private static byte[] command(String... args) {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$')
                    .append(arg.getBytes(StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(arg)
                    .append("\r\n");
        }
        return command.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One reply: a string, a number, null, or a list of those. */
    private static Object reply(DataInputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case ':' -> Long.parseLong(line);
            case '-' -> throw new IOException("Redis answered " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                in.skipNBytes(2);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>(Math.max(0, count));
                for (int i = 0; i < count; i++) {
                    items.add(reply(in));
                }
                yield count < 0 ? null : items;
            }
            default -> throw new IOException("unexpected reply type " + type);
        };
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }
}

package dev.nautilus.app.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The slow-client policy on a socket whose writes complete only when the test says so. */
class ClientConnectionTest {

    /** A socket that holds every frame until {@link #write(int)} writes the oldest ones. */
    private static final class HeldSink implements FrameSink {
        final Deque<Runnable> pending = new ArrayDeque<>();
        final List<String> written = new ArrayList<>();
        boolean disconnected;

        @Override
        public void send(ByteBuffer utf8Text, Runnable done, Consumer<Throwable> failed) {
            String text = StandardCharsets.UTF_8.decode(utf8Text).toString();
            pending.add(() -> {
                written.add(text);
                done.run();
            });
        }

        void write(int frames) {
            for (int i = 0; i < frames && !pending.isEmpty(); i++) {
                pending.poll().run();
            }
        }

        @Override
        public void disconnect() {
            disconnected = true;
        }

        @Override
        public String remoteAddress() {
            return "test";
        }
    }

    private final WebSocketCounters totals = new WebSocketCounters();

    private ClientConnection client(HeldSink sink, int frames, long bytes, long timeoutMillis) {
        return new ClientConnection("c1", 0, sink, frames, bytes, TimeUnit.MILLISECONDS.toNanos(timeoutMillis), totals);
    }

    private static OutboundFrame frame(int i) {
        return OutboundFrame.of("{\"type\":\"message\",\"i\":" + i + "}");
    }

    @Test
    void aFullQueueDropsTheNewestAndCountsThem() {
        HeldSink sink = new HeldSink();
        ClientConnection client = client(sink, 4, 1 << 20, 60_000);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += client.offer(frame(i), true) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(4);
        assertThat(client.queuedFrames()).isEqualTo(4);
        assertThat(client.dropped()).isEqualTo(6);
        assertThat(totals.dropped()).isEqualTo(6);
        assertThat(sink.pending).hasSize(4); // memory held for this client: 4 frames, whatever was offered
    }

    @Test
    void theByteBoundAppliesTooButOneFrameAlwaysFitsAnEmptyQueue() {
        HeldSink sink = new HeldSink();
        OutboundFrame big = OutboundFrame.of("x".repeat(100));
        ClientConnection client = client(sink, 1_000, 250, 60_000);
        assertThat(client.offer(big, true)).isTrue();
        assertThat(client.offer(big, true)).isTrue();
        assertThat(client.offer(big, true)).as("300 bytes > 250").isFalse();
        assertThat(client.queuedBytes()).isEqualTo(200);
        sink.write(2);
        // drained: what is queued now is the notice of the one dropped frame
        assertThat(client.queuedBytes()).isEqualTo(ServerFrames.dropped(1).size());
        sink.write(1);
        assertThat(sink.written.getLast()).isEqualTo("{\"type\":\"dropped\",\"count\":1}");
        assertThat(client.queuedBytes()).isZero();
        ClientConnection tiny = client(new HeldSink(), 1_000, 10, 60_000);
        assertThat(tiny.offer(big, true))
                .as("a frame larger than the bound still goes to an empty queue")
                .isTrue();
    }

    @Test
    void aDrainedClientIsToldHowManyItMissedAndReceivedPlusMissedIsEverything() {
        HeldSink sink = new HeldSink();
        ClientConnection client = client(sink, 10, 1 << 20, 60_000);
        int offered = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 25; i++) {
                client.offer(frame(offered++), true);
            }
            sink.write(7); // a slow reader: 7 frames per round of 25
        }
        sink.write(Integer.MAX_VALUE);
        sink.write(Integer.MAX_VALUE); // notices queued while draining
        long messages =
                sink.written.stream().filter(t -> t.contains("\"message\"")).count();
        long reported = sink.written.stream()
                .filter(t -> t.startsWith("{\"type\":\"dropped\""))
                .mapToLong(t -> Long.parseLong(t.replaceAll("\\D", "")))
                .sum();
        assertThat(messages).isEqualTo(client.messages());
        assertThat(messages + reported).isEqualTo(offered);
        assertThat(reported).isEqualTo(client.dropped()).isPositive();
        assertThat(sink.disconnected).isFalse();
    }

    @Test
    void aClientThatDropsEverythingForTheTimeoutIsDisconnected() throws InterruptedException {
        HeldSink sink = new HeldSink();
        ClientConnection client = client(sink, 2, 1 << 20, 50);
        client.offer(frame(0), true);
        client.offer(frame(1), true);
        client.offer(frame(2), true); // first drop starts the clock
        assertThat(sink.disconnected).isFalse();
        Thread.sleep(80);
        client.offer(frame(3), true);
        assertThat(sink.disconnected).isTrue();
        assertThat(client.closed()).isTrue();
        assertThat(totals.slowDisconnects()).isEqualTo(1);
        assertThat(client.offer(frame(4), true)).isFalse();
    }

    @Test
    void aClientThatKeepsDrainingSomethingIsSampledNotDisconnected() throws InterruptedException {
        HeldSink sink = new HeldSink();
        ClientConnection client = client(sink, 2, 1 << 20, 50);
        for (int i = 0; i < 12; i++) {
            client.offer(frame(i), true);
            client.offer(frame(i), true);
            client.offer(frame(i), true);
            Thread.sleep(10);
            sink.write(1); // it reads, slowly
        }
        assertThat(sink.disconnected).isFalse();
        assertThat(client.dropped()).isPositive();
    }
}

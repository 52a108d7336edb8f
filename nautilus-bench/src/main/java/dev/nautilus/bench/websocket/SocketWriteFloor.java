package dev.nautilus.bench.websocket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's floor for one delivery, measured in the same run as the WebSocket bench: the same
 * number of bytes written with one plain {@code write} to each of {@code sockets} loopback TCP
 * sockets at the bench's rate (one broadcast to every {@code topics}-th socket at a time), and read
 * by one selector thread. No WebSocket, no JSON, no bounds: what the kernel charges for a small
 * write and its read, which a server writing one frame per delivery cannot go below.
 */
final class SocketWriteFloor {

    /** CPU per frame on the writing thread and on the reading thread, in microseconds. */
    record Floor(int sockets, long writes, double writeMicros, double readMicros) {}

    private SocketWriteFloor() {}

    static Floor measure(int sockets, int frameBytes, int ratePerSocket, int topics, double seconds)
            throws IOException, InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<SocketChannel> writers = new ArrayList<>(sockets);
        List<SocketChannel> readers = new ArrayList<>(sockets);
        try (ServerSocketChannel server = ServerSocketChannel.open();
                Selector selector = Selector.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1_024);
            for (int i = 0; i < sockets; i++) {
                SocketChannel reader = SocketChannel.open(server.getLocalAddress());
                readers.add(reader);
                SocketChannel writer = server.accept();
                writer.setOption(StandardSocketOptions.TCP_NODELAY, true);
                writers.add(writer);
                reader.configureBlocking(false);
                reader.register(selector, SelectionKey.OP_READ);
            }
            AtomicLong readerCpu = new AtomicLong();
            AtomicLong bytesRead = new AtomicLong();
            Thread reading = Thread.ofPlatform().name("floor-reader").daemon().start(() -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
                long start = threads.getCurrentThreadCpuTime();
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        selector.select(100);
                        for (SelectionKey key : selector.selectedKeys()) {
                            buffer.clear();
                            int read = ((SocketChannel) key.channel()).read(buffer);
                            if (read > 0) {
                                bytesRead.addAndGet(read);
                            }
                        }
                        selector.selectedKeys().clear();
                    }
                } catch (IOException | RuntimeException e) {
                    // closed at the end of the measurement
                }
                readerCpu.set(threads.getCurrentThreadCpuTime() - start);
            });
            ByteBuffer frame = ByteBuffer.allocateDirect(frameBytes);
            while (frame.hasRemaining()) {
                frame.put((byte) 'x');
            }
            frame.flip();
            long broadcastsPerSecond = (long) ratePerSocket * topics;
            long count = (long) (broadcastsPerSecond * seconds);
            long writes = 0;
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                long due = start + i * 1_000_000_000L / broadcastsPerSecond;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(50_000);
                }
                for (int s = (int) (i % topics); s < sockets; s += topics) {
                    writers.get(s).write(frame.duplicate());
                    writes++;
                }
            }
            long writerCpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (bytesRead.get() < writes * frameBytes && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            reading.interrupt();
            selector.wakeup();
            reading.join(2_000);
            long frames = Math.max(1, writes);
            return new Floor(sockets, writes, writerCpu / 1e3 / frames, readerCpu.get() / 1e3 / frames);
        } finally {
            for (SocketChannel channel : writers) {
                channel.close();
            }
            for (SocketChannel channel : readers) {
                channel.close();
            }
        }
    }
}

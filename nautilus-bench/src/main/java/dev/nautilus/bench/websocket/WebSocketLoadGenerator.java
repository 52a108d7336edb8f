package dev.nautilus.bench.websocket;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The WebSocket benchmark's load generator, a process of its own so the server's memory and CPU are
 * the server's: opens {@code --clients} connections (Netty, a few event-loop threads for all of
 * them), each subscribing to one topic ({@code <prefix><global index % topics>}), and tallies what
 * arrives. Driven over stdin/stdout by {@code ./nautilus bench websocket}:
 * it prints {@code READY <connected> <failed>} once every client is subscribed (or has failed), then
 * obeys {@code OPEN <from> <to>} (measure messages published in that window, Unix microseconds), {@code REPORT} (print
 * {@code RESULT <json>} with the latency histogram) and {@code STOP}.
 *
 * <p>Connections come from several loopback source addresses (127.0.0.2, .3, …) so that 20,000 of
 * them and the TIME_WAITs of earlier runs do not exhaust one address's ephemeral ports.
 */
public final class WebSocketLoadGenerator {

    /** The variable the platform's read token is handed over in. */
    static final String TOKEN_VARIABLE = "NAUTILUS_READ_TOKEN";

    private WebSocketLoadGenerator() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        // the token comes through the environment, not the command line, which any process can read
        String token = System.getenv(TOKEN_VARIABLE);
        URI url = URI.create(required(options, "url") + (token == null ? "" : "?token=" + token));
        int clients = Integer.parseInt(required(options, "clients"));
        int first = Integer.parseInt(options.getOrDefault("first", "0"));
        int topics = Integer.parseInt(required(options, "topics"));
        String prefix = required(options, "prefix");
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        int sourceHosts = Integer.parseInt(options.getOrDefault("source-hosts", "8"));
        int sourceBase = Integer.parseInt(options.getOrDefault("source-base", "2"));
        long connectSeconds = Long.parseLong(options.getOrDefault("connect-seconds", "180"));

        LoadTally tally = new LoadTally();
        EventLoopGroup group = new NioEventLoopGroup(threads);
        List<Channel> channels = new ArrayList<>(clients);
        int connected = 0;
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
            // at most this many handshakes in flight: a burst of 20,000 SYNs would overflow the accept queue
            Semaphore inFlight = new Semaphore(256);
            List<CompletableFuture<Void>> subscriptions = new ArrayList<>(clients);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectSeconds);
            for (int i = 0; i < clients && System.nanoTime() < deadline; i++) {
                int global = first + i;
                String topic = prefix + (global % topics);
                CompletableFuture<Void> subscribed = new CompletableFuture<>();
                subscriptions.add(subscribed);
                if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                subscribed.whenComplete((v, e) -> inFlight.release());
                Bootstrap one = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpClientCodec(),
                                        new HttpObjectAggregator(65_536),
                                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                                .webSocketUri(url)
                                                .handshakeTimeoutMillis(60_000)
                                                .maxFramePayloadLength(1 << 20)
                                                // the server's frames are ours; checking their UTF-8 byte by byte would
                                                // measure the checker
                                                .withUTF8Validator(false)
                                                .build()),
                                        new LoadClientHandler(topic, tally, subscribed));
                    }
                });
                InetSocketAddress source = new InetSocketAddress("127.0.0." + (sourceBase + global % sourceHosts), 0);
                var future = one.connect(new InetSocketAddress(url.getHost(), url.getPort()), source);
                channels.add(future.channel());
                future.addListener(f -> {
                    if (!f.isSuccess()) {
                        tally.connectFailures.increment();
                        subscribed.completeExceptionally(f.cause());
                    }
                });
            }
            for (CompletableFuture<Void> subscribed : subscriptions) {
                try {
                    subscribed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    connected++;
                } catch (Exception e) {
                    // counted as failed below
                }
            }
            System.out.println("READY " + connected + " " + (clients - connected));
            System.out.flush();

            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            long cpuAtOpen = cpuNanos();
            long wallAtOpen = System.nanoTime();
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "OPEN" -> {
                        tally.open(Long.parseLong(words[1]), Long.parseLong(words[2]));
                        cpuAtOpen = cpuNanos();
                        wallAtOpen = System.nanoTime();
                    }
                    case "REPORT" -> {
                        System.out.println("RESULT "
                                + result(
                                        tally,
                                        connected,
                                        clients - connected,
                                        (cpuNanos() - cpuAtOpen) / 1e9,
                                        (System.nanoTime() - wallAtOpen) / 1e9));
                        System.out.flush();
                    }
                    case "STOP" -> {
                        return;
                    }
                    default -> System.err.println("load generator: unknown command '" + line + "'");
                }
            }
        } finally {
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static String result(LoadTally tally, int connected, int failed, double cpuSeconds, double wallSeconds)
            throws Exception {
        Histogram latency = tally.latency();
        ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
        int length = latency.encodeIntoCompressedByteBuffer(buffer);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("connected", connected);
        result.put("failed", failed);
        result.put("received", tally.received.sum());
        result.put("receivedTotal", tally.receivedTotal.sum());
        result.put("droppedReported", tally.droppedReported.sum());
        result.put("closedByServer", tally.closedByServer.sum());
        result.put("cpuSeconds", cpuSeconds);
        result.put("wallSeconds", wallSeconds);
        result.put("histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        return JsonMapper.builder().build().writeValueAsString(result);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}

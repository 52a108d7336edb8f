package dev.nautilus.engines.marketdata;

import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineWiring;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MarketData hub (port 8800): replays recorded trades onto the MarketData bus as
 * {@code market_data.trade.<instrument>} ({@link Trade}) and {@code price.update.<instrument>}
 * ({@link PriceUpdate}), validating each trade first (a rejected trade is counted and logged with
 * its reason, never published), and answers snapshot requests on
 * {@code market_data.snapshot.<instrument>} from its last-value cache.
 *
 * <p>Replay speed: {@code speed} × real time (the recording's own timestamps), or as fast as
 * possible when {@code speed} is 0.
 */
public final class MarketDataHub implements Engine {

    /** The hub's seed port. */
    public static final int PORT = 8800;

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataHub.class);

    private final TradeLoad recording;
    private final double speed;
    private final TradeValidator validator = new TradeValidator();
    private final LastValueCache cache = new LastValueCache();
    private final AtomicLong published = new AtomicLong();
    private final CompletableFuture<ReplayReport> done = new CompletableFuture<>();
    private volatile boolean running;
    private volatile BusEndpoint bus;
    private Thread replay;

    /**
     * @param recording trades to replay (with the rows its reader refused, counted as rejected)
     * @param speed     multiple of real time; 0 for as fast as possible
     */
    public MarketDataHub(TradeLoad recording, double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed must be 0 (as fast as possible) or a positive multiple of real time, was " + speed);
        }
        this.recording = recording;
        this.speed = speed;
    }

    @Override
    public String name() {
        return "marketdata";
    }

    @Override
    public int defaultPort() {
        return PORT;
    }

    @Override
    public EngineWiring wiring() {
        return new EngineWiring(List.of("market_data.snapshot.*"), Set.of(MessageType.MARKET_DATA),
                List.of("market_data.*", "price.update.*"));
    }

    @Override
    public void onStart(BusEndpoint bus) {
        this.bus = bus;
        running = true;
        replay = Thread.ofVirtual().name("marketdata-replay").start(() -> replay(bus));
    }

    private void replay(BusEndpoint bus) {
        long startNanos = System.nanoTime();
        List<Trade> trades = recording.trades();
        long firstMicros = trades.isEmpty() ? 0 : trades.get(0).timestampMicros();
        try {
            for (Trade trade : trades) {
                if (!running) {
                    break;
                }
                if (speed > 0) {
                    long due = startNanos + (long) ((trade.timestampMicros() - firstMicros) * 1_000 / speed);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0 && running) {
                        LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200)));
                    }
                }
                publish(bus, trade);
            }
            ReplayReport report = new ReplayReport(published.get(), rejected(), (System.nanoTime() - startNanos) / 1e9);
            LOG.info("replay finished: {} trades published, {} rejected, in {} s", report.published(), report.rejected(),
                    String.format("%.1f", report.seconds()));
            done.complete(report);
        } catch (RuntimeException e) {
            LOG.error("replay stopped: {}", e.toString());
            done.completeExceptionally(e);
        }
    }

    private void publish(BusEndpoint bus, Trade trade) {
        if (validator.validate(trade) instanceof Validation.Rejected rejected) {
            LOG.warn("rejected trade at {} of {}: {} ({})", trade.timestampMicros(), trade.instrument(), rejected.reason(),
                    rejected.detail());
            return;
        }
        cache.put(trade);
        bus.publish(MessageType.MARKET_DATA, "market_data.trade." + trade.instrument(), trade);
        bus.publish(MessageType.PRICE_UPDATE, "price.update." + trade.instrument(),
                new PriceUpdate(trade.instrument(), trade.timestampMicros(), trade.price()));
        published.incrementAndGet();
    }

    @Override
    public void onMessage(Message message) {
        String instrument = message.topic().substring("market_data.snapshot.".length());
        if (message.replyTo() == null) {
            throw new IllegalArgumentException("snapshot request " + message.id() + " has no reply_to topic");
        }
        // The cache counts the hit or miss.
        bus.reply(message, new Snapshot(instrument, cache.latestTrade(instrument).orElse(null)));
    }

    /** Completes when the replay has published everything (or fails). */
    public CompletableFuture<ReplayReport> done() {
        return done;
    }

    /** Trades published so far. */
    public long published() {
        return published.get();
    }

    /** Trades rejected so far, the reader's refused rows included. */
    public long rejected() {
        return validator.rejectedCount() + recording.errors().size();
    }

    /** The last-value cache (hit rate exposed to metrics). */
    public LastValueCache cache() {
        return cache;
    }

    @Override
    public void onStop() {
        running = false;
        if (replay != null) {
            try {
                replay.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

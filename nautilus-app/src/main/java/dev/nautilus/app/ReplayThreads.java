package dev.nautilus.app;

import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** The replays of a process, each on a thread of its own, stopped together. */
final class ReplayThreads {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<CompletableFuture<Long>> running = new ArrayList<>(); // guarded by this

    /**
     * Publishes reference data, then replays trades through the hub on a new thread.
     *
     * @param speed 1 = real time, 0 = as fast as possible
     * @return completes with the number of accepted trades
     */
    synchronized CompletableFuture<Long> start(
            MarketDataHub hub, List<InstrumentReference> references, List<Trade> trades, double speed) {
        TradeReplay player = new TradeReplay(hub, speed);
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread.ofPlatform().name("nautilus-replay-" + running.size()).daemon().start(() -> {
            try {
                references.forEach(hub::publishReference);
                done.complete(player.run(trades, stopping::get));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        running.add(done);
        return done;
    }

    /** Asks every replay to stop and waits until each has (a failed replay counts as stopped). */
    void stop() {
        stopping.set(true);
        List<CompletableFuture<Long>> started;
        synchronized (this) {
            started = List.copyOf(running);
        }
        started.forEach(r -> r.exceptionally(e -> 0L).join());
    }
}

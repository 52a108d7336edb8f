package dev.nautilus.app.cli;

import dev.nautilus.app.Platform;
import dev.nautilus.bus.TransportStatus;
import dev.nautilus.engines.host.EngineMatrix;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nautilus replay}: replays the Bitstamp BTC trades (or a CSV file, or the synthetic feed)
 * through a MarketData hub onto the configured buses, then exits once the buses have drained.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replays recorded market data onto the buses.")
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Mixin
    EngineOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Platform platform = Platform.start(parent.config(), "replay")) {
            Map<String, Integer> ports =
                    options.ports().isEmpty() ? Map.of(EngineMatrix.MARKETDATA, 0) : options.ports();
            platform.startEngines(List.of(EngineMatrix.MARKETDATA), ports, "replay");
            long started = System.nanoTime();
            long accepted = options.startReplay(platform).join();
            double seconds = (System.nanoTime() - started) / 1e9;
            var hub = platform.hub().orElseThrow();
            out.printf(
                    "Replayed %d trades in %.2f s (%.0f trades/s); rejected %s%n",
                    accepted, seconds, accepted / seconds, hub.rejections());
            platform.close(); // drains publish buffers
            for (TransportStatus status : platform.bus().status()) {
                out.printf("  %s bus: %d published%n", status.bus().displayName(), status.published());
            }
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("nautilus replay: " + e.getMessage());
            return 1;
        }
    }
}

package dev.nautilus.app.cli;

import dev.nautilus.app.Platform;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.Trade;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Option;

/** Options shared by {@code up}, {@code engine} and {@code replay}: ports and what to replay. */
final class EngineOptions {

    @Option(
            names = "--port",
            paramLabel = "ENGINE=PORT",
            split = ",",
            description =
                    "HTTP port of an engine, replacing its default (0 = ephemeral), e.g. --port risk=0,vpin=10100.")
    Map<String, Integer> ports = new LinkedHashMap<>();

    @Option(
            names = "--speed",
            paramLabel = "X",
            defaultValue = "60",
            description =
                    "Replay speed: 1 = real time, 60 = a minute per second, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "Replay trades from this CSV file instead of the Bitstamp BTC trades.")
    Path csv;

    @Option(
            names = "--instrument",
            paramLabel = "SYMBOL",
            defaultValue = BitstampTradeReplay.INSTRUMENT,
            description = "Instrument of CSV rows without an instrument column (default: ${DEFAULT-VALUE}).")
    String instrument;

    @Option(
            names = "--synthetic",
            paramLabel = "INSTRUMENTS",
            description = "Replay the synthetic multi-asset feed with this many instruments instead.")
    Integer synthetic;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "Replay only the first N trades (0 = all).")
    int limit;

    @Option(names = "--no-replay", description = "Start the hub without replaying anything.")
    boolean noReplay;

    Map<String, Integer> ports() {
        return ports == null ? Map.of() : ports;
    }

    /**
     * Reference data of the replayed instruments: the synthetic feed's (sectors, shares, fundamentals,
     * what the Factor and Toraniko engines model), none for recorded trades.
     */
    List<InstrumentReference> references() {
        return synthetic != null ? ReplaySource.syntheticReferences(synthetic) : List.of();
    }

    /** Starts the replay these options ask for on the platform's hub: reference data first, then the trades. */
    CompletableFuture<Long> startReplay(Platform platform) {
        return platform.startReplay(references(), trades(), speed);
    }

    List<Trade> trades() {
        if (synthetic != null) {
            return ReplaySource.synthetic(synthetic, limit > 0 ? Math.max(1, limit / synthetic) : 10_000);
        }
        return csv != null ? ReplaySource.csv(csv, instrument, limit) : ReplaySource.bitstamp(limit);
    }
}

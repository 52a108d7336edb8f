package dev.nautilus.app.cli;

import dev.nautilus.app.Platform;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.engines.host.EngineHost;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.CsvTradeReader;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.marketdata.ReplayReport;
import dev.nautilus.engines.marketdata.TradeLoad;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nautilus replay}: the MarketData hub alone, replaying recorded trades onto the configured buses. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays recorded trades (the real Bitstamp BTC/USD file, or your CSV) onto the configured buses.")
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    NautilusCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "0",
            description = "X times real time; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Your trades: columns timestamp (Unix seconds or ISO-8601), price, size|amount, optional instrument and side.")
    Path csv;

    @Option(names = "--instrument", paramLabel = "SYMBOL", defaultValue = "BTCUSD",
            description = "Instrument of CSV rows that name none (default: ${DEFAULT-VALUE}).")
    String instrument;

    @Override
    public Integer call() throws Exception {
        TradeLoad trades;
        if (csv == null) {
            trades = BitstampTradeReplay.load();
        } else {
            try (Reader reader = Files.newBufferedReader(csv)) {
                trades = new CsvTradeReader(instrument).read(reader);
            }
            trades.errors().forEach(e -> spec.commandLine().getErr().println("nautilus replay: " + csv + " line "
                    + e.lineNumber() + ": " + e.reason()));
        }
        try (MessageBus bus = Platform.openBus(parent.config().bus(), "replay"); EngineHost host = new EngineHost(bus, "replay")) {
            MarketDataHub hub = new MarketDataHub(trades, speed);
            host.start(hub);
            ReplayReport report = hub.done().get();
            spec.commandLine().getOut().printf("replayed %d trades (%d rejected) in %.1f s onto %s%n", report.published(),
                    report.rejected(), report.seconds(), bus.status().get(0).endpoint());
        }
        return 0;
    }
}

package dev.nautilus.app.engines;

import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.CsvTradeReader;
import dev.nautilus.engines.marketdata.InstrumentReference;
import dev.nautilus.engines.marketdata.SyntheticFeedConfig;
import dev.nautilus.engines.marketdata.SyntheticMarketFeed;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.engines.marketdata.TradeLoad;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where replayed trades come from: the real Bitstamp BTC trades (default), a user's CSV file, or
 * the synthetic multi-asset feed.
 */
public final class ReplaySource {

    private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

    private ReplaySource() {}

    /** The 99,982 valid Bitstamp BTC/USD trades, or the first {@code limit} of them ({@code <= 0}: all). */
    public static List<Trade> bitstamp(int limit) {
        return prefix(report("bitstamp", BitstampTradeReplay.load()), limit);
    }

    /**
     * Trades of a CSV file (see {@link CsvTradeReader} for the columns).
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public static List<Trade> csv(Path file, String defaultInstrument, int limit) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return prefix(report(file.toString(), new CsvTradeReader(defaultInstrument).read(reader)), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trades from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Universe name of the synthetic feed's reference data. */
    public static final String SYNTHETIC_UNIVERSE = "synthetic";

    /** {@code steps} steps of the synthetic feed (one trade per instrument per step), seed 42. */
    public static List<Trade> synthetic(int instruments, int steps) {
        SyntheticMarketFeed feed = new SyntheticMarketFeed(syntheticConfig(instruments));
        List<Trade> trades = new ArrayList<>(instruments * steps);
        for (int i = 0; i < steps; i++) {
            trades.addAll(feed.nextStep());
        }
        return trades;
    }

    /**
     * Reference data (sector, shares outstanding, fundamentals) of the instruments {@link #synthetic}
     * replays, universe {@value #SYNTHETIC_UNIVERSE}: what the Factor and Toraniko engines need.
     */
    public static List<InstrumentReference> syntheticReferences(int instruments) {
        return new SyntheticMarketFeed(syntheticConfig(instruments)).references(SYNTHETIC_UNIVERSE);
    }

    private static SyntheticFeedConfig syntheticConfig(int instruments) {
        return SyntheticFeedConfig.defaults(42, instruments, Math.max(1, instruments / 4));
    }

    private static TradeLoad report(String source, TradeLoad load) {
        LOG.info(
                "loaded trades source={} trades={} refusedRows={}",
                source,
                load.trades().size(),
                load.errors().size());
        return load;
    }

    private static List<Trade> prefix(TradeLoad load, int limit) {
        List<Trade> trades = load.trades();
        return limit > 0 && limit < trades.size() ? trades.subList(0, limit) : trades;
    }
}

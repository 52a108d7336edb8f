package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.MarketFeed;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.engines.analytics.AnalyticsConfig;
import dev.nautilus.engines.marketdata.BitstampTradeReplay;
import dev.nautilus.engines.marketdata.DailyBarCsvReader;
import dev.nautilus.store.Store;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history a backtest replays, and how its returns are annualised.
 *
 * @param name        short name, as given on the command line
 * @param description what the data is, for the report
 * @param feed        trades or bars for the hub
 * @param analytics   annualisation and calendar period suited to the bar length
 */
public record BacktestSource(String name, String description, MarketFeed feed, AnalyticsConfig analytics) {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestSource.class);

    /** What {@link #parse} accepts, for help texts and error messages. */
    public static final String FORMS = "btc, aapl, trades:FILE.csv (timestamp,price,size[,instrument,side]), "
            + "bars:FILE.csv (date,open,high,low,close,volume), store:SYMBOL[@FROM..TO] (trades recorded in the store)";

    /** Prefix of a stored range. */
    public static final String STORE_PREFIX = "store:";

    /** The 99,982 real Bitstamp BTC/USD trades (or the first {@code limit}); one-minute bars around the clock. */
    public static BacktestSource bitstamp(int limit) {
        return new BacktestSource(
                "btc",
                "Bitstamp BTC/USD trades, 25 Nov - 1 Dec 2013 (ta4j-examples), one-minute bars",
                new MarketFeed.Trades(ReplaySource.bitstamp(limit)),
                AnalyticsConfig.minuteBars());
    }

    /** The 252 real daily bars of Apple Inc. for 2013. */
    public static BacktestSource apple() {
        DailyBarCsvReader.BarLoad load = DailyBarCsvReader.appleDaily2013();
        return bars("aapl", "Apple Inc. daily bars, 2013 (ta4j-examples)", load);
    }

    /**
     * A source named on the command line: see {@link #FORMS}.
     *
     * @param limit first events only ({@code <= 0}: all); applies to trades
     * @throws IllegalArgumentException for an unknown form
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static BacktestSource parse(String spec, int limit) {
        if (spec.equals("btc")) {
            return bitstamp(limit);
        }
        if (spec.equals("aapl")) {
            return apple();
        }
        if (spec.startsWith("trades:")) {
            Path file = Path.of(spec.substring("trades:".length()));
            return new BacktestSource(
                    spec,
                    "trades of " + file + ", one-minute bars",
                    new MarketFeed.Trades(ReplaySource.csv(file, BitstampTradeReplay.INSTRUMENT, limit)),
                    AnalyticsConfig.minuteBars());
        }
        if (spec.startsWith("bars:")) {
            Path file = Path.of(spec.substring("bars:".length()));
            String instrument = instrumentOf(file);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return bars(
                        spec,
                        "daily bars of " + file + " as " + instrument,
                        new DailyBarCsvReader(instrument).read(reader));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bars from " + file + ": " + e.getMessage(), e);
            }
        }
        if (spec.startsWith(STORE_PREFIX)) {
            throw new IllegalArgumentException("'" + spec + "' reads the store, which only nautilus backtest opens");
        }
        throw new IllegalArgumentException("unknown data source '" + spec + "'; use one of: " + FORMS);
    }

    /**
     * Trades recorded in the store, {@code store:SYMBOL[@FROM..TO]}; one-minute bars.
     *
     * @throws IllegalArgumentException for a malformed range or one holding no trades
     */
    public static BacktestSource stored(Store store, String spec, int limit) {
        StoredTrades.Selection selection = StoredTrades.Selection.parse(spec.substring(STORE_PREFIX.length()));
        var trades = StoredTrades.load(store.trades(), selection, limit);
        if (trades.isEmpty()) {
            throw new IllegalArgumentException("the " + store.kind() + " store holds no " + selection.symbol()
                    + " trades in " + selection.range().from() + " .. "
                    + selection.range().to());
        }
        LOG.info("loaded stored trades symbol={} trades={}", selection.symbol(), trades.size());
        return new BacktestSource(
                spec,
                store.kind() + " store: " + trades.size() + " " + selection.symbol() + " trades, one-minute bars",
                new MarketFeed.Trades(trades),
                AnalyticsConfig.minuteBars());
    }

    private static BacktestSource bars(String name, String description, DailyBarCsvReader.BarLoad load) {
        if (!load.errors().isEmpty()) {
            LOG.warn(
                    "refused bar rows source={} count={} first={}",
                    name,
                    load.errors().size(),
                    load.errors().getFirst());
        }
        if (load.bars().isEmpty()) {
            throw new IllegalArgumentException(
                    "no valid bars in " + name + " (" + load.errors().size() + " rows refused)");
        }
        return new BacktestSource(name, description, new MarketFeed.Bars(load.bars()), AnalyticsConfig.dailyBars());
    }

    /** The file name without extension, upper-case: {@code msft.csv} is instrument {@code MSFT}. */
    private static String instrumentOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toUpperCase(Locale.ROOT);
    }
}

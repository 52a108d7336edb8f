package dev.nautilus.engines.marketdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The 100,000 real Bitstamp BTC/USD trades of 25 Nov – 1 Dec 2013, a classpath resource of this
 * module ({@value #RESOURCE}, columns {@code timestamp,price,amount}, Unix seconds, no aggressor side),
 * taken from {@code org.ta4j:ta4j-examples:0.15} under ta4j's MIT licence (its notice lies beside it).
 *
 * <p>The file holds 18 trades with a zero amount; they come back as {@link CsvRowError}s with their
 * line numbers, not as trades, so a replay publishes 99,982 trades.
 */
public final class BitstampTradeReplay {

    /** Classpath resource name. */
    public static final String RESOURCE = "nautilus/sample/bitstamp_trades_from_20131125_usd.csv";
    /** Instrument symbol given to every trade. */
    public static final String INSTRUMENT = "BTCUSD";

    private BitstampTradeReplay() {}

    /** Loads and validates the whole file. */
    public static TradeLoad load() {
        try (InputStream in = open(RESOURCE)) {
            return new CsvTradeReader(INSTRUMENT).read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(String resource) {
        InputStream in = BitstampTradeReplay.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(
                    "classpath resource " + resource + " not found: is nautilus-engines on the classpath?");
        }
        return in;
    }
}

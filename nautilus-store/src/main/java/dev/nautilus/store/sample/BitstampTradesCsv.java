package dev.nautilus.store.sample;

import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Bitstamp trade files in the format of {@value #RESOURCE}
 * (100,000 real BTC/USD trades from 2013-11-25, as ta4j-examples ships them):
 * a header {@code timestamp,price,amount}, then one line per trade with Unix seconds, price and size.
 * The file has no trade ids and no sides: ids are the line order (0-based), which is the order of
 * execution, and the side is {@link SideCode#UNKNOWN}.
 */
public final class BitstampTradesCsv {

    /** The classpath resource, shipped by {@code nautilus-engines} (taken from {@code org.ta4j:ta4j-examples:0.15}). */
    public static final String RESOURCE = "nautilus/sample/bitstamp_trades_from_20131125_usd.csv";

    private BitstampTradesCsv() {}

    /** Loads {@value #RESOURCE} from the classpath (nautilus-engines must be on it). */
    public static List<TradeRow> loadSample(String symbol) {
        InputStream in = BitstampTradesCsv.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath (it ships in nautilus-engines)");
        }
        try (in) {
            return read(in, symbol);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the CSV; a malformed line fails with its line number. */
    public static List<TradeRow> read(InputStream in, String symbol) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String header = reader.readLine();
        if (header == null || !header.trim().equals("timestamp,price,amount")) {
            throw new IOException("unexpected header, wanted timestamp,price,amount: " + header);
        }
        List<TradeRow> trades = new ArrayList<>(100_000);
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 3) {
                throw new IOException("line " + lineNumber + ": expected 3 fields, got " + fields.length);
            }
            try {
                trades.add(new TradeRow(
                        Instant.ofEpochSecond(Long.parseLong(fields[0].trim())),
                        symbol,
                        trades.size(),
                        Double.parseDouble(fields[1]),
                        Double.parseDouble(fields[2]),
                        SideCode.UNKNOWN));
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return trades;
    }
}

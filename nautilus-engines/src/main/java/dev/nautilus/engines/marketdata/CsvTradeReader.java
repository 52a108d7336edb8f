package dev.nautilus.engines.marketdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads trades from a comma-separated file with a header row.
 *
 * <p>Columns, matched by header name (case-insensitive, any order, extra columns ignored):
 * <table>
 *   <caption>trade CSV columns</caption>
 *   <tr><th>column</th><th>required</th><th>content</th></tr>
 *   <tr><td>{@code timestamp}</td><td>yes</td><td>Unix time in <b>seconds</b>, fractional part
 *       allowed ({@code 1385337600.25}), or an ISO-8601 instant ({@code 2013-11-25T00:00:00Z})</td></tr>
 *   <tr><td>{@code price}</td><td>yes</td><td>decimal price</td></tr>
 *   <tr><td>{@code size} or {@code amount}</td><td>yes</td><td>decimal quantity, &gt; 0</td></tr>
 *   <tr><td>{@code instrument}</td><td>no</td><td>symbol; the reader's default instrument otherwise</td></tr>
 *   <tr><td>{@code side}</td><td>no</td><td>{@code buy}/{@code b}, {@code sell}/{@code s}, or empty for unknown</td></tr>
 * </table>
 * Fields are split on commas with no quoting or escaping (none of these columns needs it); a
 * leading UTF-8 byte-order mark is ignored. Blank lines are ignored. Every other row either yields a trade or a {@link CsvRowError} carrying
 * its line number: unparseable fields, wrong column counts, and trades refused by a
 * {@link TradeValidator} (non-positive size, bad price, time going backwards). The Bitstamp file in
 * {@code ta4j-examples} ({@code timestamp,price,amount}) is read by this class unchanged.
 */
public final class CsvTradeReader {

    private final String defaultInstrument;

    /** @param defaultInstrument instrument for rows when the file has no {@code instrument} column */
    public CsvTradeReader(String defaultInstrument) {
        this.defaultInstrument = Objects.requireNonNull(defaultInstrument, "defaultInstrument");
        if (defaultInstrument.isBlank()) {
            throw new IllegalArgumentException("defaultInstrument must not be blank");
        }
    }

    /**
     * Reads all rows of {@code source}. The reader is not closed.
     *
     * @throws IllegalArgumentException if the header is missing or lacks a required column
     * @throws UncheckedIOException     if reading fails
     */
    public TradeLoad read(Reader source) {
        BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source);
        try {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException("CSV is empty: expected a header row");
            }
            Columns columns = Columns.parse(stripBom(header));
            TradeValidator validator = new TradeValidator();
            List<Trade> trades = new ArrayList<>();
            List<CsvRowError> errors = new ArrayList<>();
            long lineNumber = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Trade trade = columns.toTrade(line, defaultInstrument);
                    if (validator.validate(trade) instanceof Validation.Rejected r) {
                        errors.add(new CsvRowError(lineNumber, line, r.reason() + ": " + r.detail()));
                    } else {
                        trades.add(trade);
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new CsvRowError(lineNumber, line, e.getMessage()));
                }
            }
            return new TradeLoad(trades, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Column positions resolved once from the header. */
    private record Columns(int count, int timestamp, int price, int size, int instrument, int side) {

        static Columns parse(String header) {
            String[] names = header.split(",", -1);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                index.putIfAbsent(names[i].trim().toLowerCase(Locale.ROOT), i);
            }
            int size = index.getOrDefault("size", index.getOrDefault("amount", -1));
            int ts = index.getOrDefault("timestamp", -1);
            int price = index.getOrDefault("price", -1);
            if (ts < 0 || price < 0 || size < 0) {
                throw new IllegalArgumentException(
                        "header must name timestamp, price and size (or amount) columns, was: " + header);
            }
            return new Columns(
                    names.length,
                    ts,
                    price,
                    size,
                    index.getOrDefault("instrument", -1),
                    index.getOrDefault("side", -1));
        }

        Trade toTrade(String line, String defaultInstrument) {
            String[] f = line.split(",", -1);
            if (f.length != count) {
                throw new IllegalArgumentException("expected " + count + " columns, found " + f.length);
            }
            long ts = parseTimestamp(f[timestamp].trim());
            double p = parseNumber("price", f[price]);
            double s = parseNumber("size", f[size]);
            String inst = instrument >= 0 && !f[instrument].isBlank() ? f[instrument].trim() : defaultInstrument;
            Side sd = side >= 0 ? parseSide(f[side].trim()) : Side.UNKNOWN;
            return new Trade(inst, ts, p, s, sd);
        }

        private static double parseNumber(String field, String raw) {
            try {
                return Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " is not a number: '" + raw + "'");
            }
        }

        private static long parseTimestamp(String raw) {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("timestamp is empty");
            }
            if (raw.indexOf('T') > 0) {
                try {
                    Instant i = Instant.parse(raw);
                    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
                } catch (DateTimeParseException | ArithmeticException e) {
                    throw new IllegalArgumentException("timestamp is not an ISO-8601 instant: '" + raw + "'");
                }
            }
            try {
                // BigDecimal keeps fractional seconds exact down to the microsecond.
                return new BigDecimal(raw)
                        .movePointRight(6)
                        .setScale(0, java.math.RoundingMode.HALF_EVEN)
                        .longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("timestamp is not Unix seconds: '" + raw + "'");
            }
        }

        private static Side parseSide(String raw) {
            return switch (raw.toLowerCase(Locale.ROOT)) {
                case "" -> Side.UNKNOWN;
                case "buy", "b" -> Side.BUY;
                case "sell", "s" -> Side.SELL;
                default -> throw new IllegalArgumentException("side must be buy, sell or empty, was '" + raw + "'");
            };
        }
    }
}

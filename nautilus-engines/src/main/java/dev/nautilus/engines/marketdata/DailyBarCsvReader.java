package dev.nautilus.engines.marketdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads daily bars from CSV with the header {@code date,open,high,low,close,volume}
 * ({@code date} as {@code yyyy-MM-dd}). Each bar spans the UTC calendar day {@code [date, date+1)};
 * {@code vwap} is set to the close (the file has none) and {@code tradeCount} to 0.
 *
 * <p>Bad rows are returned as {@link CsvRowError}s with line numbers, never dropped silently.
 */
public final class DailyBarCsvReader {

    /** The 252 daily bars of Apple Inc. for 2013, a resource of this module taken from {@code ta4j-examples:0.15}. */
    public static final String APPLE_2013_RESOURCE = "nautilus/sample/appleinc_bars_from_20130101_usd.csv";

    private static final long DAY_MICROS = 86_400_000_000L;

    private final String instrument;

    /** @param instrument instrument symbol for every bar read */
    public DailyBarCsvReader(String instrument) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
    }

    /** Bars read and rows refused. */
    public record BarLoad(List<Bar> bars, List<CsvRowError> errors) {
        public BarLoad {
            bars = List.copyOf(bars);
            errors = List.copyOf(errors);
        }
    }

    /** Loads the Apple 2013 daily bars from the classpath as instrument {@code AAPL}. */
    public static BarLoad appleDaily2013() {
        try (InputStream in = BitstampTradeReplay.open(APPLE_2013_RESOURCE)) {
            return new DailyBarCsvReader("AAPL").read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads all rows of {@code source}; the reader is not closed. */
    public BarLoad read(Reader source) {
        BufferedReader in = new BufferedReader(source);
        try {
            String header = in.readLine();
            if (header == null || !header.trim().equalsIgnoreCase("date,open,high,low,close,volume")) {
                throw new IllegalArgumentException("header must be date,open,high,low,close,volume, was: " + header);
            }
            List<Bar> bars = new ArrayList<>();
            List<CsvRowError> errors = new ArrayList<>();
            long lineNumber = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    bars.add(parse(line));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    errors.add(new CsvRowError(lineNumber, line, e.getMessage()));
                }
            }
            return new BarLoad(bars, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Bar parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 columns, found " + f.length);
        }
        long start = LocalDate.parse(f[0].trim()).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        double close = number("close", f[4]);
        return new Bar(
                instrument,
                start,
                start + DAY_MICROS,
                number("open", f[1]),
                number("high", f[2]),
                number("low", f[3]),
                close,
                number("volume", f[5]),
                close,
                0);
    }

    private static double number(String field, String raw) {
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: '" + raw + "'");
        }
    }
}

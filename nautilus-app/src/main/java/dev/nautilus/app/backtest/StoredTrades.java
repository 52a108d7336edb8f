package dev.nautilus.app.backtest;

import dev.nautilus.engines.marketdata.Side;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.repository.TradeRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Trades recorded in the store (by {@code up}'s recorder, or a bulk load), read back in time order
 * for a backtest. A range is written {@code SYMBOL} (everything) or {@code SYMBOL@FROM..TO}, FROM and
 * TO as ISO dates ({@code 2013-11-26}, UTC midnight) or instants, TO exclusive.
 */
public final class StoredTrades {

    private static final int PAGE = 50_000;

    private StoredTrades() {}

    /**
     * A symbol and range parsed from {@code SYMBOL[@FROM..TO]}.
     *
     * @param symbol instrument
     * @param range  half-open time range
     */
    public record Selection(String symbol, TimeRange range) {

        /** @throws IllegalArgumentException naming what is wrong */
        public static Selection parse(String text) {
            int at = text.indexOf('@');
            String symbol = (at < 0 ? text : text.substring(0, at)).trim();
            if (symbol.isEmpty()) {
                throw new IllegalArgumentException(
                        "stored range '" + text + "' names no symbol; write SYMBOL or SYMBOL@FROM..TO");
            }
            if (at < 0) {
                return new Selection(symbol, TimeRange.all());
            }
            String[] fromTo = text.substring(at + 1).split("\\.\\.", 2);
            if (fromTo.length != 2) {
                throw new IllegalArgumentException("stored range '" + text + "' must be SYMBOL@FROM..TO");
            }
            return new Selection(symbol, new TimeRange(instant(fromTo[0].trim()), instant(fromTo[1].trim())));
        }

        private static Instant instant(String text) {
            try {
                return text.length() == 10
                        ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "'" + text + "' is neither a date (2013-11-26) nor an instant (2013-11-26T12:00:00Z)", e);
            }
        }
    }

    /** Every stored trade of the selection, oldest first (then by trade id), at most {@code limit} ({@code <= 0}: all). */
    public static List<Trade> load(TradeRepository repository, Selection selection, int limit) {
        List<Trade> trades = new ArrayList<>();
        for (long offset = 0; ; offset += PAGE) {
            List<TradeRow> page = repository.trades(selection.symbol(), selection.range(), offset, PAGE);
            for (TradeRow t : page) {
                if (limit > 0 && trades.size() == limit) {
                    return trades;
                }
                trades.add(new Trade(
                        t.symbol(),
                        ChronoUnit.MICROS.between(Instant.EPOCH, t.ts()),
                        t.price(),
                        t.size(),
                        Side.valueOf(t.side().name())));
            }
            if (page.size() < PAGE) {
                return trades;
            }
        }
    }
}

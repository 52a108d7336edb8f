package dev.nautilus.engines.marketdata;

import java.util.List;

/**
 * Result of loading trades from a file: the usable trades in file order and every row that was not
 * used, with its line number. Nothing is skipped silently: {@code trades().size() +
 * errors().size()} equals the number of data rows read.
 *
 * @param trades accepted trades, in file order
 * @param errors unparseable or rejected rows, in file order
 */
public record TradeLoad(List<Trade> trades, List<CsvRowError> errors) {
    public TradeLoad {
        trades = List.copyOf(trades);
        errors = List.copyOf(errors);
    }
}

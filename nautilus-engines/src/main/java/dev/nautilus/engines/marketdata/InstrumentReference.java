package dev.nautilus.engines.marketdata;

import java.util.Objects;

/**
 * Reference data of an equity-like instrument, published by the hub on
 * {@code market_data.instrument.<symbol>} before its trades, so cross-sectional engines (Factor,
 * Toraniko) know which universe and sector it belongs to and can turn a price into a market cap.
 * Fundamentals are annual totals in quote currency; ratios to market cap give book/price,
 * sales/price and cash-flow/price.
 *
 * @param symbol            instrument symbol
 * @param universe          universe name, e.g. {@code synthetic}
 * @param sector            sector name
 * @param sharesOutstanding shares outstanding, {@code > 0}; market cap = shares × price
 * @param bookValue         book value of equity, {@code > 0}
 * @param sales             annual sales, {@code > 0}
 * @param cashFlow          annual operating cash flow (may be negative)
 */
public record InstrumentReference(
        String symbol,
        String universe,
        String sector,
        double sharesOutstanding,
        double bookValue,
        double sales,
        double cashFlow) {

    public InstrumentReference {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(universe, "universe");
        Objects.requireNonNull(sector, "sector");
        if (!(sharesOutstanding > 0)
                || !(bookValue > 0)
                || !(sales > 0)
                || !Double.isFinite(cashFlow)
                || Double.isInfinite(sharesOutstanding)
                || Double.isInfinite(bookValue)
                || Double.isInfinite(sales)) {
            throw new IllegalArgumentException("reference of " + symbol
                    + ": shares, book value and sales must be finite and > 0," + " cash flow finite: "
                    + sharesOutstanding + ", " + bookValue + ", " + sales + ", " + cashFlow);
        }
    }

    /** Market capitalisation at {@code price}. */
    public double marketCap(double price) {
        return sharesOutstanding * price;
    }
}

package dev.nautilus.engines.marketdata;

import java.util.Objects;

/**
 * Static description of a synthetic instrument.
 *
 * @param symbol       symbol, e.g. {@code SYN007}
 * @param sector       sector index in {@code [0, sectorCount)}
 * @param marketCap    market capitalisation in quote currency
 * @param beta         loading on the market factor
 * @param initialPrice first price
 */
public record InstrumentSpec(String symbol, int sector, double marketCap, double beta, double initialPrice) {
    public InstrumentSpec {
        Objects.requireNonNull(symbol, "symbol");
        if (sector < 0) {
            throw new IllegalArgumentException("sector must be >= 0, was " + sector);
        }
        if (!(marketCap > 0) || !(initialPrice > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("marketCap and initialPrice must be > 0 and beta finite: " + marketCap
                    + ", " + initialPrice + ", " + beta);
        }
    }

    /** Shares outstanding: the initial market cap at the initial price. */
    public double sharesOutstanding() {
        return marketCap / initialPrice;
    }

    /** Sector name, {@code SECTOR_<n>}. */
    public String sectorName() {
        return "SECTOR_" + sector;
    }
}

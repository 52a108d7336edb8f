package dev.nautilus.engines.analytics;

import java.math.BigDecimal;

/**
 * Turnover: traded notional divided by mean equity — how many times the account's average equity was
 * traded. Notional is {@code |Δquantity| · mark} per instrument and update, summed exactly in
 * {@code BigDecimal}; the mark is the price the trade was decided at (slippage excluded).
 * The annualised figure scales by {@code N / periods}.
 */
public final class Turnover {

    private BigDecimal traded = BigDecimal.ZERO;
    private double equitySum;
    private long observations;

    /** Adds notional traded (any sign is taken as its absolute value). */
    public void onTrade(BigDecimal notional) {
        traded = traded.add(notional.abs());
    }

    /** Adds one equity observation to the mean. */
    public void onEquity(double equity) {
        equitySum += equity;
        observations++;
    }

    /** Total notional traded. */
    public BigDecimal tradedNotional() {
        return traded;
    }

    /** Traded notional / mean equity; {@code null} before any equity or when the mean is not positive. */
    public Double total() {
        double mean = equitySum / observations;
        return observations == 0 || !(mean > 0) ? null : traded.doubleValue() / mean;
    }

    /**
     * Turnover per year: {@link #total()} · {@code periodsPerYear / periods}.
     *
     * @param periods the number of periods the total covers ({@code observations - 1}); null when 0
     */
    public Double annualised(double periodsPerYear, long periods) {
        Double total = total();
        return total == null || periods <= 0 ? null : total * periodsPerYear / periods;
    }
}

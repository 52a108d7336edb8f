package dev.nautilus.engines.analytics;

import java.util.Optional;

/**
 * Calendar period returns of an equity curve (UTC): each period's return runs from the last equity
 * of the previous period (or the first observation) to the last equity of the period. A period is
 * complete when the first observation of a later period arrives; periods without observations are
 * skipped (the next period's return then spans them).
 *
 * <p>Observations are stamped with the end of their bar, which is exclusive: an observation at
 * {@code t} belongs to the period holding {@code t - 1 µs}, so the daily bar of 31 December (ending
 * at midnight on 1 January) counts in December.
 */
public final class PeriodReturns {

    private final String account;
    private final CalendarPeriod calendar;
    private String label;
    private double startEquity;
    private double lastEquity;

    /** @param account carried by each {@link PeriodReturn} */
    public PeriodReturns(String account, CalendarPeriod calendar) {
        this.account = account;
        this.calendar = calendar;
    }

    /** Adds an equity observation; returns the period it completed, if it opened a new one. */
    public Optional<PeriodReturn> update(long timestampMicros, double equity) {
        String at = calendar.label(timestampMicros - 1);
        if (label == null) {
            label = at;
            startEquity = equity;
            lastEquity = equity;
            return Optional.empty();
        }
        if (at.equals(label)) {
            lastEquity = equity;
            return Optional.empty();
        }
        PeriodReturn done = current();
        label = at;
        startEquity = lastEquity;
        lastEquity = equity;
        return Optional.of(done);
    }

    /** The open period to date; {@code null} before the first observation. */
    public PeriodReturn current() {
        return label == null
                ? null
                : new PeriodReturn(account, label, startEquity, lastEquity, lastEquity / startEquity - 1);
    }
}

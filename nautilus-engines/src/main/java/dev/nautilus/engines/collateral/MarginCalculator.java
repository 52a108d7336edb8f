package dev.nautilus.engines.collateral;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Margin requirements: per position {@code |quantity|·price·rate}, summed over the account.
 * Stateless apart from the schedule; thread-safe.
 */
public final class MarginCalculator {

    private final MarginSchedule schedule;

    /** @param schedule rates per instrument */
    public MarginCalculator(MarginSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * Margin of an account.
     *
     * @param positions signed quantity per instrument (zero quantities are ignored)
     * @param prices    mark price per instrument; every non-zero position needs one, {@code > 0}
     * @param equity    account equity
     * @throws IllegalArgumentException naming the instrument whose price is missing or not positive
     */
    public MarginStatus assess(
            long timestampMicros,
            Map<String, BigDecimal> positions,
            Map<String, BigDecimal> prices,
            BigDecimal equity) {
        Objects.requireNonNull(equity, "equity");
        List<PositionMargin> margins = new ArrayList<>();
        BigDecimal initial = BigDecimal.ZERO;
        BigDecimal maintenance = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(positions).entrySet()) {
            if (e.getValue().signum() == 0) {
                continue;
            }
            BigDecimal price = prices.get(e.getKey());
            if (price == null || price.signum() <= 0) {
                throw new IllegalArgumentException("prices[" + e.getKey() + "] must be > 0, was " + price);
            }
            MarginRates rates = schedule.ratesFor(e.getKey());
            BigDecimal notional = e.getValue().abs().multiply(price);
            PositionMargin m = new PositionMargin(
                    e.getKey(),
                    notional,
                    notional.multiply(BigDecimal.valueOf(rates.initial())),
                    notional.multiply(BigDecimal.valueOf(rates.maintenance())));
            margins.add(m);
            initial = initial.add(m.initial());
            maintenance = maintenance.add(m.maintenance());
        }
        double utilisation;
        if (initial.signum() == 0) {
            utilisation = 0;
        } else if (equity.signum() <= 0) {
            utilisation = Double.POSITIVE_INFINITY;
        } else {
            utilisation = initial.divide(equity, MathContext.DECIMAL64).doubleValue();
        }
        return new MarginStatus(timestampMicros, equity, initial, maintenance, utilisation, margins);
    }

    /** A margin call when {@code status} is below maintenance. */
    public Optional<MarginCall> marginCall(MarginStatus status) {
        if (!status.belowMaintenance()) {
            return Optional.empty();
        }
        return Optional.of(new MarginCall(
                status.timestampMicros(),
                status.equity(),
                status.maintenanceMargin(),
                status.initialMargin(),
                status.initialMargin().subtract(status.equity())));
    }
}

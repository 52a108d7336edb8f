package dev.nautilus.engines.strategy;

import dev.nautilus.bus.Json;
import dev.nautilus.engines.features.RollingStatistics;
import dev.nautilus.engines.features.SimpleMovingAverage;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Moving-average crossover: long {@code quantity} while the fast SMA is above the slow SMA; while
 * below, short {@code quantity} (or flat when shorting is not allowed).
 *
 * <p>A signal is emitted whenever the desired target differs from the last one emitted — the first
 * time both averages are ready, and at each crossing. Equal averages keep the current target (no
 * churn on a tie).
 */
public final class MovingAverageCrossStrategy implements Strategy {

    private final int fastPeriod;
    private final int slowPeriod;
    private final BigDecimal quantity;
    private final boolean allowShort;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        final SimpleMovingAverage fast;
        final SimpleMovingAverage slow;
        BigDecimal target = BigDecimal.ZERO;
        boolean emitted;

        State(int f, int s) {
            fast = new SimpleMovingAverage(f);
            slow = new SimpleMovingAverage(s);
        }
    }

    /**
     * @param fastPeriod  fast SMA period, {@code >= 2}
     * @param slowPeriod  slow SMA period, {@code > fastPeriod}
     * @param quantity    position size, {@code > 0}
     * @param allowShort  short below the slow average, else go flat
     */
    public MovingAverageCrossStrategy(int fastPeriod, int slowPeriod, BigDecimal quantity, boolean allowShort) {
        if (fastPeriod < 2 || slowPeriod <= fastPeriod) {
            throw new IllegalArgumentException(
                    "need 2 <= fastPeriod < slowPeriod, was " + fastPeriod + ", " + slowPeriod);
        }
        this.fastPeriod = fastPeriod;
        this.slowPeriod = slowPeriod;
        this.quantity = StrategyInputs.requirePositiveQuantity(quantity);
        this.allowShort = allowShort;
    }

    @Override
    public String name() {
        return "ma_cross";
    }

    @Override
    public Optional<Signal> onPrice(String instrument, long timestampMicros, double price) {
        StrategyInputs.requirePrice(price);
        State s = states.computeIfAbsent(instrument, i -> new State(fastPeriod, slowPeriod));
        double fast = s.fast.update(price);
        double slow = s.slow.update(price);
        if (!s.slow.isReady() || fast == slow) {
            return Optional.empty();
        }
        BigDecimal want = fast > slow ? quantity : allowShort ? quantity.negate() : BigDecimal.ZERO;
        if (s.emitted && want.compareTo(s.target) == 0) {
            return Optional.empty();
        }
        s.target = want;
        s.emitted = true;
        String reason = String.format(
                Locale.ROOT,
                "SMA(%d)=%.6f %s SMA(%d)=%.6f",
                fastPeriod,
                fast,
                fast > slow ? ">" : "<",
                slowPeriod,
                slow);
        return Optional.of(new Signal(instrument, name(), want, reason, timestampMicros));
    }

    @Override
    public BigDecimal currentTarget(String instrument) {
        State s = states.get(instrument);
        return s == null ? BigDecimal.ZERO : s.target;
    }

    @Override
    public Optional<String> saveInstruments(Predicate<String> instruments) {
        Map<String, Saved> saved = new TreeMap<>();
        states.forEach((instrument, s) -> {
            if (instruments.test(instrument)) {
                saved.put(instrument, new Saved(s.fast.state(), s.slow.state(), s.target.toString(), s.emitted));
            }
        });
        return Optional.of(Json.write(new SavedStates(saved)));
    }

    @Override
    public void replaceInstruments(Predicate<String> instruments, Optional<String> text) {
        Map<String, Saved> saved =
                text.map(t -> Json.read(t, SavedStates.class).states()).orElse(Map.of());
        states.keySet().removeIf(instruments);
        saved.forEach((instrument, s) -> {
            if (instruments.test(instrument)) {
                State state = new State(fastPeriod, slowPeriod);
                state.fast.restore(s.fast());
                state.slow.restore(s.slow());
                state.target = new BigDecimal(s.target());
                state.emitted = s.emitted();
                states.put(instrument, state);
            }
        });
    }

    /** One instrument's averages and last target (decimal text). */
    record Saved(RollingStatistics.State fast, RollingStatistics.State slow, String target, boolean emitted) {}

    /** The instruments' states. */
    record SavedStates(Map<String, Saved> states) {}
}

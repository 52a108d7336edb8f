package dev.nautilus.engines.strategy;

import dev.nautilus.bus.Json;
import dev.nautilus.engines.features.RelativeStrengthIndex;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * RSI mean reversion: from flat, buy {@code quantity} when RSI &lt; oversold and (if allowed) sell
 * short when RSI &gt; overbought; a long is closed when RSI rises to the exit level or above, a short
 * when it falls to the exit level or below (classically 30 / 70 / 50).
 */
public final class RsiMeanReversionStrategy implements Strategy {

    private final int period;
    private final double oversold;
    private final double overbought;
    private final double exitLevel;
    private final BigDecimal quantity;
    private final boolean allowShort;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        final RelativeStrengthIndex rsi;
        BigDecimal target = BigDecimal.ZERO;

        State(int period) {
            rsi = new RelativeStrengthIndex(period);
        }
    }

    /**
     * @param period     RSI period
     * @param oversold   buy below this, in (0, exitLevel)
     * @param overbought short above this, in (exitLevel, 100)
     * @param exitLevel  close positions on crossing this
     * @param quantity   position size, {@code > 0}
     * @param allowShort whether to short when overbought
     */
    public RsiMeanReversionStrategy(
            int period, double oversold, double overbought, double exitLevel, BigDecimal quantity, boolean allowShort) {
        if (!(0 < oversold && oversold < exitLevel && exitLevel < overbought && overbought < 100)) {
            throw new IllegalArgumentException("need 0 < oversold < exitLevel < overbought < 100, was " + oversold
                    + ", " + exitLevel + ", " + overbought);
        }
        new RelativeStrengthIndex(period); // validates period
        this.period = period;
        this.oversold = oversold;
        this.overbought = overbought;
        this.exitLevel = exitLevel;
        this.quantity = StrategyInputs.requirePositiveQuantity(quantity);
        this.allowShort = allowShort;
    }

    /** RSI(14), 30 / 70, exit at 50. */
    public static RsiMeanReversionStrategy classic(BigDecimal quantity, boolean allowShort) {
        return new RsiMeanReversionStrategy(14, 30, 70, 50, quantity, allowShort);
    }

    @Override
    public String name() {
        return "rsi_mean_reversion";
    }

    @Override
    public Optional<Signal> onPrice(String instrument, long timestampMicros, double price) {
        StrategyInputs.requirePrice(price);
        State s = states.computeIfAbsent(instrument, i -> new State(period));
        double rsi = s.rsi.update(price);
        if (!s.rsi.isReady()) {
            return Optional.empty();
        }
        BigDecimal want = s.target;
        String why = null;
        switch (s.target.signum()) {
            case 0 -> {
                if (rsi < oversold) {
                    want = quantity;
                    why = "oversold";
                } else if (rsi > overbought && allowShort) {
                    want = quantity.negate();
                    why = "overbought";
                }
            }
            case 1 -> {
                if (rsi >= exitLevel) {
                    want = BigDecimal.ZERO;
                    why = "long exit";
                }
            }
            default -> {
                if (rsi <= exitLevel) {
                    want = BigDecimal.ZERO;
                    why = "short exit";
                }
            }
        }
        if (why == null) {
            return Optional.empty();
        }
        s.target = want;
        return Optional.of(new Signal(
                instrument,
                name(),
                want,
                String.format(Locale.ROOT, "%s: RSI(%d)=%.4f", why, period, rsi),
                timestampMicros));
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
                saved.put(instrument, new Saved(s.rsi.state(), s.target.toString()));
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
                State state = new State(period);
                state.rsi.restore(s.rsi());
                state.target = new BigDecimal(s.target());
                states.put(instrument, state);
            }
        });
    }

    /** One instrument's RSI and target (decimal text). */
    record Saved(RelativeStrengthIndex.State rsi, String target) {}

    /** The instruments' states. */
    record SavedStates(Map<String, Saved> states) {}
}

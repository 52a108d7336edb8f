package dev.nautilus.engines.strategy;

import dev.nautilus.bus.Json;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Wraps a strategy and stands aside while order flow is toxic: when an instrument turns toxic, a
 * flat target is emitted (if the position was not already flat) and the inner strategy's signals
 * are withheld; when toxicity clears, the inner strategy's latest wish is re-emitted if it differs
 * from flat. The inner strategy keeps seeing every price, so its indicators stay current.
 */
public final class VpinFilteredStrategy implements Strategy {

    private final Strategy inner;
    private final Set<String> toxic = new HashSet<>();
    private final Map<String, BigDecimal> emitted = new HashMap<>();

    /** @param inner the strategy to filter */
    public VpinFilteredStrategy(Strategy inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return "vpin_filtered_" + inner.name();
    }

    /** True while {@code instrument} is considered toxic. */
    public boolean isToxic(String instrument) {
        return toxic.contains(instrument);
    }

    /**
     * Updates the toxicity of {@code instrument} (e.g. from a VPIN estimate's alert flag, or a
     * regime of TOXIC); returns the signal that this change requires, if any.
     */
    public Optional<Signal> onToxicity(String instrument, long timestampMicros, boolean isToxic, String why) {
        Objects.requireNonNull(instrument, "instrument");
        if (isToxic == toxic.contains(instrument)) {
            return Optional.empty();
        }
        if (isToxic) {
            toxic.add(instrument);
            return emit(instrument, BigDecimal.ZERO, "standing aside, order flow toxic: " + why, timestampMicros);
        }
        toxic.remove(instrument);
        return emit(
                instrument,
                inner.currentTarget(instrument),
                "toxicity cleared (" + why + "), resuming " + inner.name(),
                timestampMicros);
    }

    @Override
    public Optional<Signal> onPrice(String instrument, long timestampMicros, double price) {
        Optional<Signal> wish = inner.onPrice(instrument, timestampMicros, price);
        if (wish.isEmpty() || toxic.contains(instrument)) {
            return Optional.empty();
        }
        Signal s = wish.get();
        return emit(instrument, s.targetQuantity(), s.reason(), timestampMicros);
    }

    @Override
    public BigDecimal currentTarget(String instrument) {
        return emitted.getOrDefault(instrument, BigDecimal.ZERO);
    }

    private Optional<Signal> emit(String instrument, BigDecimal target, String reason, long ts) {
        if (target.compareTo(currentTarget(instrument)) == 0) {
            return Optional.empty();
        }
        emitted.put(instrument, target);
        return Optional.of(new Signal(instrument, name(), target, reason, ts));
    }

    /**
     * The toxic instruments, the targets emitted and the inner strategy's state; empty when the inner
     * strategy keeps none it can save.
     */
    @Override
    public Optional<String> saveState() {
        return inner.saveState().map(state -> Json.write(saved(instrument -> true, state)));
    }

    @Override
    public void restoreState(String text) {
        Saved saved = Json.read(text, Saved.class);
        inner.restoreState(saved.inner());
        replaceOwn(instrument -> true, saved);
    }

    /** As {@link #saveState}, for the instruments accepted; empty when the inner strategy saves none per instrument. */
    @Override
    public Optional<String> saveInstruments(Predicate<String> instruments) {
        return inner.saveInstruments(instruments).map(state -> Json.write(saved(instruments, state)));
    }

    @Override
    public void replaceInstruments(Predicate<String> instruments, Optional<String> text) {
        Optional<Saved> saved = text.map(t -> Json.read(t, Saved.class));
        inner.replaceInstruments(instruments, saved.map(Saved::inner));
        replaceOwn(instruments, saved.orElse(new Saved(Set.of(), Map.of(), null)));
    }

    private Saved saved(Predicate<String> instruments, String innerState) {
        Map<String, String> targets = new TreeMap<>();
        emitted.forEach((instrument, target) -> {
            if (instruments.test(instrument)) {
                targets.put(instrument, target.toString());
            }
        });
        Set<String> toxicOnes = new TreeSet<>();
        toxic.stream().filter(instruments).forEach(toxicOnes::add);
        return new Saved(toxicOnes, targets, innerState);
    }

    private void replaceOwn(Predicate<String> instruments, Saved saved) {
        toxic.removeIf(instruments);
        saved.toxic().stream().filter(instruments).forEach(toxic::add);
        emitted.keySet().removeIf(instruments);
        saved.emitted().forEach((instrument, target) -> {
            if (instruments.test(instrument)) {
                emitted.put(instrument, new BigDecimal(target));
            }
        });
    }

    /** Toxic instruments, emitted targets (decimal text) and the inner strategy's state. */
    record Saved(Set<String> toxic, Map<String, String> emitted, String inner) {}
}

package dev.nautilus.engines.risk;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Detects a price falling more than a threshold below its maximum over a trailing time window.
 *
 * <p>The window maximum is kept with a monotonic deque (prices strictly decreasing from front to
 * back): a new price evicts every price at or below it from the back — they can never be the
 * maximum again — and prices older than the window leave from the front. Each price enters and
 * leaves once: amortised O(1). The window holds prices with timestamp {@code > now - window}.
 *
 * <p>One alert per episode: after an alert the instrument is disarmed until the drop from the
 * window maximum is back below the threshold, so a crash does not raise an alert on every tick.
 */
public final class FlashCrashDetector {

    private record Point(long micros, double price) {}

    private static final class State {
        final ArrayDeque<Point> maxima = new ArrayDeque<>();
        boolean armed = true;
        long lastMicros = Long.MIN_VALUE;
    }

    private final long windowMicros;
    private final double threshold;
    private final Map<String, State> states = new HashMap<>();

    /**
     * @param windowMicros trailing window, {@code > 0}
     * @param threshold    drop that triggers, in (0, 1), e.g. 0.05 for 5%
     */
    public FlashCrashDetector(long windowMicros, double threshold) {
        if (windowMicros <= 0) {
            throw new IllegalArgumentException("windowMicros must be > 0, was " + windowMicros);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        this.windowMicros = windowMicros;
        this.threshold = threshold;
    }

    /** Adds a price; returns an alert when a crash starts. */
    public Optional<FlashCrashAlert> onPrice(String instrument, long timestampMicros, double price) {
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
        State s = states.computeIfAbsent(instrument, i -> new State());
        if (timestampMicros < s.lastMicros) {
            throw new IllegalArgumentException(
                    "timestampMicros went backwards for " + instrument + ": " + timestampMicros);
        }
        s.lastMicros = timestampMicros;
        while (!s.maxima.isEmpty() && s.maxima.peekLast().price() <= price) {
            s.maxima.pollLast();
        }
        s.maxima.addLast(new Point(timestampMicros, price));
        long cutoff = timestampMicros - windowMicros;
        while (s.maxima.peekFirst().micros() <= cutoff) {
            s.maxima.pollFirst(); // never empties: the point just added is inside the window
        }
        Point high = s.maxima.peekFirst();
        double drop = (high.price() - price) / high.price();
        if (drop < threshold) {
            s.armed = true;
            return Optional.empty();
        }
        if (!s.armed) {
            return Optional.empty();
        }
        s.armed = false;
        return Optional.of(new FlashCrashAlert(instrument, timestampMicros, high.price(), high.micros(), price, drop));
    }

    /**
     * One instrument's window, to save and {@link #restore}: its descending maxima (times and
     * prices, oldest first), whether it is armed, and its latest price's time.
     */
    public record Window(List<Long> micros, List<Double> prices, boolean armed, long lastMicros) {

        public Window {
            micros = List.copyOf(micros);
            prices = List.copyOf(prices);
            if (micros.size() != prices.size()) {
                throw new IllegalArgumentException(
                        "a window needs as many times as prices, was " + micros.size() + " and " + prices.size());
            }
        }
    }

    /** Every instrument's window. */
    public Map<String, Window> state() {
        Map<String, Window> windows = new HashMap<>();
        states.forEach((instrument, s) -> windows.put(
                instrument,
                new Window(
                        s.maxima.stream().map(Point::micros).toList(),
                        s.maxima.stream().map(Point::price).toList(),
                        s.armed,
                        s.lastMicros)));
        return windows;
    }

    /** Replaces every instrument's window with saved ones (same window length and threshold). */
    public void restore(Map<String, Window> windows) {
        states.clear();
        windows.forEach((instrument, w) -> {
            State s = new State();
            for (int i = 0; i < w.micros().size(); i++) {
                s.maxima.addLast(new Point(w.micros().get(i), w.prices().get(i)));
            }
            s.armed = w.armed();
            s.lastMicros = w.lastMicros();
            states.put(instrument, s);
        });
    }

    /** Current window maximum of {@code instrument}; NaN if never seen. */
    public double windowHigh(String instrument) {
        State s = states.get(instrument);
        return s == null || s.maxima.isEmpty()
                ? Double.NaN
                : s.maxima.peekFirst().price();
    }
}

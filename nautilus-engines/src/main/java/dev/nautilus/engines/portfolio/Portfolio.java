package dev.nautilus.engines.portfolio;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cash, positions and P&amp;L of one paper account. Buying pays {@code quantity·price + fee} from
 * cash; selling receives {@code |quantity|·price - fee} (shorts are allowed and credit cash).
 * Positions are marked at the latest market price given by {@link #mark} (a fill marks its
 * instrument at the fill's reference price, so slippage shows as an immediate unrealised loss).
 *
 * <p>Invariant, exact in BigDecimal:
 * {@code equity = cash + Σ quantity·mark = initialCash + realised + unrealised - fees}.
 * Single-writer, not thread-safe.
 */
public final class Portfolio {

    private final BigDecimal initialCash;
    private BigDecimal cash;
    private BigDecimal realised = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal slippage = BigDecimal.ZERO;
    private long fillCount;
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, BigDecimal> marks = new HashMap<>();

    /** @param initialCash starting cash, {@code >= 0} */
    public Portfolio(BigDecimal initialCash) {
        Objects.requireNonNull(initialCash, "initialCash");
        if (initialCash.signum() < 0) {
            throw new IllegalArgumentException("initialCash must be >= 0, was " + initialCash);
        }
        this.initialCash = initialCash;
        this.cash = initialCash;
    }

    /**
     * Everything a portfolio holds, exact: amounts as {@link BigDecimal#toString()} text, so that a
     * restored portfolio computes digit for digit what the saved one would have.
     *
     * @param initialCash starting cash
     * @param cash        cash
     * @param realised    realised P&amp;L
     * @param fees        fees paid
     * @param slippage    cumulative slippage cost
     * @param fillCount   fills booked
     * @param positions   every position booked (flat ones too), by instrument: {@code [quantity, costBasis]}
     * @param marks       latest mark by instrument
     */
    public record State(
            String initialCash,
            String cash,
            String realised,
            String fees,
            String slippage,
            long fillCount,
            Map<String, List<String>> positions,
            Map<String, String> marks) {

        public State {
            positions = Map.copyOf(positions);
            marks = Map.copyOf(marks);
        }
    }

    /** This portfolio's state (see {@link State}). */
    public State state() {
        Map<String, List<String>> held = new HashMap<>();
        positions.forEach((instrument, p) -> held.put(
                instrument, List.of(p.quantity().toString(), p.costBasis().toString())));
        Map<String, String> marked = new HashMap<>();
        marks.forEach((instrument, mark) -> marked.put(instrument, mark.toString()));
        return new State(
                initialCash.toString(),
                cash.toString(),
                realised.toString(),
                fees.toString(),
                slippage.toString(),
                fillCount,
                held,
                marked);
    }

    /**
     * A portfolio in a saved state.
     *
     * @throws IllegalArgumentException when an amount is not a number or a position has not two
     */
    public static Portfolio restore(State state) {
        Portfolio portfolio = new Portfolio(amount(state.initialCash(), "initialCash"));
        portfolio.cash = amount(state.cash(), "cash");
        portfolio.realised = amount(state.realised(), "realised");
        portfolio.fees = amount(state.fees(), "fees");
        portfolio.slippage = amount(state.slippage(), "slippage");
        portfolio.fillCount = state.fillCount();
        state.positions().forEach((instrument, p) -> {
            if (p.size() != 2) {
                throw new IllegalArgumentException(
                        "position " + instrument + " must be [quantity, costBasis], was " + p);
            }
            portfolio.positions.put(
                    instrument, new Position(instrument, amount(p.get(0), "quantity"), amount(p.get(1), "costBasis")));
        });
        state.marks().forEach((instrument, mark) -> portfolio.marks.put(instrument, amount(mark, "mark")));
        return portfolio;
    }

    private static BigDecimal amount(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + text, e);
        }
    }

    /** Books a fill. */
    public void apply(Fill fill) {
        Position.Change change = position(fill.instrument()).apply(fill.quantity(), fill.price());
        positions.put(fill.instrument(), change.position());
        cash = cash.subtract(fill.quantity().multiply(fill.price())).subtract(fill.fee());
        realised = realised.add(change.realised());
        fees = fees.add(fill.fee());
        slippage = slippage.add(fill.slippageCost());
        marks.put(fill.instrument(), fill.referencePrice());
        fillCount++;
    }

    /** Marks {@code instrument} at a market price. */
    public void mark(String instrument, double price) {
        marks.put(Objects.requireNonNull(instrument, "instrument"), Money.price("price", price));
    }

    /** The position in {@code instrument}; flat if none. */
    public Position position(String instrument) {
        return positions.getOrDefault(instrument, Position.flat(instrument));
    }

    /** Non-flat positions, by instrument. */
    public List<Position> openPositions() {
        List<Position> open = new ArrayList<>();
        for (Position p : positions.values()) {
            if (!p.isFlat()) {
                open.add(p);
            }
        }
        open.sort(Comparator.comparing(Position::instrument));
        return open;
    }

    /** Latest mark of {@code instrument}; throws if never marked. */
    public BigDecimal markOf(String instrument) {
        BigDecimal m = marks.get(instrument);
        if (m == null) {
            throw new IllegalStateException("no mark for " + instrument);
        }
        return m;
    }

    /** Cash. */
    public BigDecimal cash() {
        return cash;
    }

    /** Starting cash. */
    public BigDecimal initialCash() {
        return initialCash;
    }

    /** Realised P&amp;L (before fees; slippage is in the fill prices). */
    public BigDecimal realised() {
        return realised;
    }

    /** Fees paid. */
    public BigDecimal fees() {
        return fees;
    }

    /** Cumulative slippage cost (already inside realised/unrealised; for reporting). */
    public BigDecimal slippage() {
        return slippage;
    }

    /** Number of fills booked. */
    public long fillCount() {
        return fillCount;
    }

    /** {@code Σ quantity·mark} over open positions. */
    public BigDecimal positionValue() {
        BigDecimal v = BigDecimal.ZERO;
        for (Position p : positions.values()) {
            if (!p.isFlat()) {
                v = v.add(p.quantity().multiply(markOf(p.instrument())));
            }
        }
        return v;
    }

    /** {@code Σ (quantity·mark - costBasis)} over open positions. */
    public BigDecimal unrealised() {
        BigDecimal u = BigDecimal.ZERO;
        for (Position p : positions.values()) {
            if (!p.isFlat()) {
                u = u.add(p.unrealised(markOf(p.instrument())));
            }
        }
        return u;
    }

    /** {@code cash + positionValue()}. */
    public BigDecimal equity() {
        return cash.add(positionValue());
    }

    /** An immutable view for publishing. */
    public PortfolioSnapshot snapshot(long timestampMicros) {
        return new PortfolioSnapshot(timestampMicros, cash, equity(), realised, unrealised(), fees, openPositions());
    }
}

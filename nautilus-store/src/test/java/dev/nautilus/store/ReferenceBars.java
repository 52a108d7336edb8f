package dev.nautilus.store;

import dev.nautilus.store.model.OhlcvBar;
import dev.nautilus.store.model.TradeRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** OHLCV bars computed in plain Java, independently of either database, as the reference. */
final class ReferenceBars {

    private ReferenceBars() {}

    static List<OhlcvBar> compute(List<TradeRow> trades, Duration interval) {
        long widthMicros = interval.toNanos() / 1_000;
        List<TradeRow> sorted = trades.stream()
                .sorted(Comparator.comparing(TradeRow::ts).thenComparingLong(TradeRow::tradeId))
                .toList();
        List<OhlcvBar> bars = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            long bucket = Math.floorDiv(micros(sorted.get(i).ts()), widthMicros);
            double open = sorted.get(i).price();
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            double close = open;
            double volume = 0;
            double notional = 0;
            double priceSum = 0;
            long count = 0;
            while (i < sorted.size() && Math.floorDiv(micros(sorted.get(i).ts()), widthMicros) == bucket) {
                TradeRow t = sorted.get(i);
                high = Math.max(high, t.price());
                low = Math.min(low, t.price());
                close = t.price();
                volume += t.size();
                notional += t.price() * t.size();
                priceSum += t.price();
                count++;
                i++;
            }
            double vwap = volume == 0 ? priceSum / count : notional / volume;
            long startMicros = bucket * widthMicros;
            bars.add(new OhlcvBar(
                    Instant.EPOCH.plusNanos(startMicros * 1_000), open, high, low, close, volume, vwap, count));
        }
        return bars;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }
}

package dev.nautilus.app.api;

import dev.nautilus.store.model.OhlcvBar;

/** A bar computed by the store from recorded trades, with its start in microseconds like the live bars. */
public record StoredBar(long startMicros, double open, double high, double low, double close, double volume) {

    static StoredBar of(OhlcvBar bar) {
        long micros = Math.addExact(
                Math.multiplyExact(bar.start().getEpochSecond(), 1_000_000L),
                bar.start().getNano() / 1_000);
        return new StoredBar(micros, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }
}

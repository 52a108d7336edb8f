package dev.nautilus.store;

import dev.nautilus.store.ingest.Ingest;
import dev.nautilus.store.repository.AlertRepository;
import dev.nautilus.store.repository.BarRepository;
import dev.nautilus.store.repository.DeadLetterRepository;
import dev.nautilus.store.repository.EngineHealthRepository;
import dev.nautilus.store.repository.EngineStateRepository;
import dev.nautilus.store.repository.ExecutionRepository;
import dev.nautilus.store.repository.FactorRepository;
import dev.nautilus.store.repository.FeatureRepository;
import dev.nautilus.store.repository.PnlRepository;
import dev.nautilus.store.repository.PositionRepository;
import dev.nautilus.store.repository.SignalRepository;
import dev.nautilus.store.repository.TradeRepository;
import dev.nautilus.store.repository.VpinRepository;

/**
 * The platform's storage: one write path ({@link #ingest()}) and one small repository per concept.
 * Obtain one with {@link Stores#open(StoreConfig)}; closing it drains the ingest queue first.
 */
public interface Store extends AutoCloseable {

    StoreKind kind();

    /** Batched, bounded ingest of every stored record type. */
    Ingest ingest();

    TradeRepository trades();

    BarRepository bars();

    FeatureRepository features();

    VpinRepository vpin();

    FactorRepository factors();

    SignalRepository signals();

    ExecutionRepository executions();

    PositionRepository positions();

    PnlRepository pnl();

    AlertRepository alerts();

    EngineHealthRepository engineHealth();

    DeadLetterRepository deadLetters();

    /** Each stateful engine's latest snapshot. */
    EngineStateRepository engineState();

    /** Drains and closes the ingest, then releases every connection. */
    @Override
    void close();
}

package dev.nautilus.store;

import dev.nautilus.store.ingest.Ingest;
import dev.nautilus.store.jdbc.JdbcAlertRepository;
import dev.nautilus.store.jdbc.JdbcBarRepository;
import dev.nautilus.store.jdbc.JdbcDeadLetterRepository;
import dev.nautilus.store.jdbc.JdbcEngineHealthRepository;
import dev.nautilus.store.jdbc.JdbcEngineStateRepository;
import dev.nautilus.store.jdbc.JdbcExecutionRepository;
import dev.nautilus.store.jdbc.JdbcFactorRepository;
import dev.nautilus.store.jdbc.JdbcFeatureRepository;
import dev.nautilus.store.jdbc.JdbcPnlRepository;
import dev.nautilus.store.jdbc.JdbcPositionRepository;
import dev.nautilus.store.jdbc.JdbcSignalRepository;
import dev.nautilus.store.jdbc.JdbcTradeRepository;
import dev.nautilus.store.jdbc.JdbcVpinRepository;
import dev.nautilus.store.jdbc.Queries;
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
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Store} over JDBC: the repositories share their SQL across vendors (the {@link Queries}
 * carry the vendor's dialect); the vendor factories supply the ingest writer and the resources.
 */
public final class JdbcStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final StoreKind kind;
    private final Ingest ingest;
    private final AutoCloseable resources;
    private final TradeRepository trades;
    private final BarRepository bars;
    private final FeatureRepository features;
    private final VpinRepository vpin;
    private final FactorRepository factors;
    private final SignalRepository signals;
    private final ExecutionRepository executions;
    private final PositionRepository positions;
    private final PnlRepository pnl;
    private final AlertRepository alerts;
    private final EngineHealthRepository engineHealth;
    private final DeadLetterRepository deadLetters;
    private final EngineStateRepository engineState;

    /**
     * @param kind      which database
     * @param queries   query runner with the vendor dialect
     * @param ingest    the write path; closed first on {@link #close()}
     * @param resources pool or connection, closed after the ingest
     */
    public JdbcStore(StoreKind kind, Queries queries, Ingest ingest, AutoCloseable resources) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.trades = new JdbcTradeRepository(queries);
        this.bars = new JdbcBarRepository(queries);
        this.features = new JdbcFeatureRepository(queries);
        this.vpin = new JdbcVpinRepository(queries);
        this.factors = new JdbcFactorRepository(queries);
        this.signals = new JdbcSignalRepository(queries);
        this.executions = new JdbcExecutionRepository(queries);
        this.positions = new JdbcPositionRepository(queries);
        this.pnl = new JdbcPnlRepository(queries);
        this.alerts = new JdbcAlertRepository(queries);
        this.engineHealth = new JdbcEngineHealthRepository(queries);
        this.deadLetters = new JdbcDeadLetterRepository(queries);
        this.engineState = new JdbcEngineStateRepository(queries);
    }

    @Override
    public StoreKind kind() {
        return kind;
    }

    @Override
    public Ingest ingest() {
        return ingest;
    }

    @Override
    public TradeRepository trades() {
        return trades;
    }

    @Override
    public BarRepository bars() {
        return bars;
    }

    @Override
    public FeatureRepository features() {
        return features;
    }

    @Override
    public VpinRepository vpin() {
        return vpin;
    }

    @Override
    public FactorRepository factors() {
        return factors;
    }

    @Override
    public SignalRepository signals() {
        return signals;
    }

    @Override
    public ExecutionRepository executions() {
        return executions;
    }

    @Override
    public PositionRepository positions() {
        return positions;
    }

    @Override
    public PnlRepository pnl() {
        return pnl;
    }

    @Override
    public AlertRepository alerts() {
        return alerts;
    }

    @Override
    public EngineHealthRepository engineHealth() {
        return engineHealth;
    }

    @Override
    public DeadLetterRepository deadLetters() {
        return deadLetters;
    }

    @Override
    public EngineStateRepository engineState() {
        return engineState;
    }

    @Override
    public void close() {
        try {
            ingest.close();
        } finally {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.warn("Closing {} store resources failed", kind, e);
            }
        }
    }
}

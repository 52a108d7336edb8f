package dev.nautilus.store.model;

import java.time.Instant;

/**
 * A row the store keeps. Every stored record is immutable, validated on construction (a malformed
 * one cannot exist) and stamped with the time it belongs to, which is also the partitioning column.
 */
public sealed interface StoredRecord
        permits TradeRow,
                BarRow,
                FeatureValue,
                VpinPoint,
                FactorExposure,
                FactorReturn,
                SignalRow,
                Execution,
                PositionSnapshot,
                PnlSnapshot,
                AlertRow,
                EngineHealthSample,
                DeadLetterRow {

    /** The time this row belongs to (UTC, microseconds). */
    Instant ts();
}

package dev.nautilus.engines.strategy;

/** Direction of a target position. */
public enum TargetSide {
    /** Positive quantity. */
    LONG,
    /** Negative quantity. */
    SHORT,
    /** No position. */
    FLAT
}

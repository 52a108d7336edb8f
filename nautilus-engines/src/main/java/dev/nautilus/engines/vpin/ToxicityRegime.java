package dev.nautilus.engines.vpin;

/** Order-flow toxicity regime, from the CDF of VPIN. */
public enum ToxicityRegime {
    /** Ordinary flow. */
    NORMAL,
    /** VPIN high relative to its history: widen, reduce size. */
    ELEVATED,
    /** VPIN extreme: liquidity providers withdraw; strategies stand aside. */
    TOXIC
}

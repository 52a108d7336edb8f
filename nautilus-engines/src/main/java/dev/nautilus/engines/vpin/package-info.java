/**
 * Volume-synchronised probability of informed trading (VPIN) by bulk volume classification, after
 * D. Easley, M. López de Prado and M. O'Hara, "Flow Toxicity and Liquidity in a High-frequency
 * World", <i>Review of Financial Studies</i> 25(5), 2012 — and an enhanced variant with adaptive
 * bucket size, tick-rule classification alongside, and toxicity regimes with hysteresis.
 *
 * <p>Pipeline, as in the paper: trades → one-minute time bars → bar volumes poured into volume
 * buckets of size V (a bar that overflows a bucket is split, the rest starting the next bucket with
 * the same classification) → each bar's volume split into buy {@code V·Φ(ΔP/σ_ΔP)} and sell
 * {@code V·(1-Φ(ΔP/σ_ΔP))}, where ΔP is the close-to-close change between consecutive bars →
 * {@code VPIN = Σ|V_buy - V_sell| / Σ V} over the last n buckets ({@code = /(n·V)} for a constant V).
 */
package dev.nautilus.engines.vpin;

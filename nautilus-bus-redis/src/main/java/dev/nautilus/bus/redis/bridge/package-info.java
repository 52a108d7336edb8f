/**
 * The bridge between the seeds' single-Redis layout and the dual bus, kept running while engines
 * are split between the two during a migration: every stream mirrored in both directions, loop-free,
 * exactly once per entry, restartable without loss.
 */
package dev.nautilus.bus.redis.bridge;

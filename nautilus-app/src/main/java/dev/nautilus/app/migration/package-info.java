/**
 * The move from the seeds' single-Redis layout to the dual bus, engine by engine, with the
 * {@link dev.nautilus.bus.redis.bridge.LayoutBridge bridge} keeping both layouts talking: the plan,
 * each step (and its rollback), the durable record of where each engine is, and the status per Redis.
 */
package dev.nautilus.app.migration;

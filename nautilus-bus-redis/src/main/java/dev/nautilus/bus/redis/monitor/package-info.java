/**
 * The bus monitor (SPEC §1.8): what each Redis of the dual bus is doing, read from the Redis itself.
 *
 * <p>{@link dev.nautilus.bus.redis.monitor.BusMonitor} samples a list of
 * {@link dev.nautilus.bus.redis.monitor.MonitorTarget}s (MarketData bus, Engine Logic bus, main
 * Redis) into an immutable {@link dev.nautilus.bus.redis.monitor.MonitorSnapshot}: CPU %, clients by
 * engine (from the {@code nautilus:<engine>:<bus>:<role>} connection names), calls and failed calls
 * per command, memory, streams under the prefix with their groups' lag and pending, and dead
 * letters. {@link dev.nautilus.bus.redis.monitor.BusMonitorMetrics} publishes the latest snapshot as
 * Micrometer meters. The parsers ({@link dev.nautilus.bus.redis.monitor.RedisInfo},
 * {@link dev.nautilus.bus.redis.monitor.CommandStats},
 * {@link dev.nautilus.bus.redis.monitor.ClientConnections},
 * {@link dev.nautilus.bus.redis.monitor.GroupInfo}) are lenient: a field a Redis version lacks is
 * absent, never an exception.
 *
 * <p>Needs Redis 6.0+ ({@code SCAN ... TYPE}); lag and entries-read need Redis 7, failed and
 * rejected calls Redis 6.2. Single Redis per bus only: against a Redis Cluster the monitor sees the
 * one node its URL names.
 */
package dev.nautilus.bus.redis.monitor;

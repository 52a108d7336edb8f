/**
 * The faces of the bus monitor in the app: which Redis servers to watch
 * ({@link dev.nautilus.app.monitor.MonitorTargets}), the terminal table
 * ({@link dev.nautilus.app.monitor.MonitorTable}, {@link dev.nautilus.app.monitor.LiveMonitor}) and
 * the JSON form ({@link dev.nautilus.app.monitor.SnapshotJson}) of {@code nautilus monitor}.
 */
package dev.nautilus.app.monitor;

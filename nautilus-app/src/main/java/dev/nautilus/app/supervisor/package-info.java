/**
 * {@code nautilus up --processes}: the seeds' deployment, one JVM per engine and one for the API and
 * dashboard, kept running by a {@link dev.nautilus.app.supervisor.Supervisor} that restarts a crashed
 * process with back-off and jitter, stops them in data-flow order and shows one live table.
 */
package dev.nautilus.app.supervisor;

package dev.nautilus.engines.analytics;

/**
 * The deepest drawdown of an equity curve and its dates.
 *
 * @param depth          {@code (peak - trough) / peak}, 0 when equity never fell
 * @param peakMicros     when the peak before it was reached
 * @param troughMicros   when the bottom was reached
 * @param recoveryMicros first time equity regained the peak after the trough; {@code null} while not recovered
 */
public record DrawdownEpisode(double depth, long peakMicros, long troughMicros, Long recoveryMicros) {}

package dev.nautilus.engines.vpin;

/**
 * VPIN of an instrument as of the close of a bar ({@code VPIN_CALCULATION}, topic
 * {@code vpin.calculation.<instrument>}), published once per bar so that a consumer joining bars
 * and toxicity (the strategy) can pair them by bar, whatever order the two buses deliver in.
 *
 * @param instrument       instrument symbol
 * @param barEndMicros     end of the bar this status belongs to
 * @param vpin             latest VPIN, {@code null} before the first full window
 * @param cdf              its empirical CDF, {@code null} before
 * @param toxic            whether flow is currently toxic
 * @param completedBuckets volume buckets completed so far
 */
public record VpinStatus(
        String instrument, long barEndMicros, Double vpin, Double cdf, boolean toxic, long completedBuckets) {}

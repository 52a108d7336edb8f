/**
 * The ML engine: online forecasts of the next interval's direction from the Features engine's
 * output, scored live and out of sample against a naive baseline. {@code double} statistics.
 */
package dev.nautilus.engines.ml;

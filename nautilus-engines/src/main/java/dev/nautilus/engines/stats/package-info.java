/**
 * Numerical building blocks shared by several engines (normal distribution, empirical quantiles),
 * kept apart so that the engine packages do not depend on one another for arithmetic.
 */
package dev.nautilus.engines.stats;

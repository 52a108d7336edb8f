/**
 * A multi-factor equity risk model in the manner of the open-source {@code toraniko} library
 * (0xfdf/toraniko): momentum, value and size style scores built by its recipe, market, sector and
 * style factor returns by weighted least squares with {@code √cap} weights and a sector constraint,
 * residual returns and a rolling factor covariance. {@code double} statistics throughout.
 */
package dev.nautilus.engines.toraniko;

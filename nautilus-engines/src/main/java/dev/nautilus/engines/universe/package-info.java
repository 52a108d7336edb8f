/**
 * Cross-sections of an equity universe: which instruments belong to it (from the hub's reference
 * data) and their bars gathered interval by interval. Shared by the cross-sectional engines (Factor,
 * Toraniko), which differ in what they compute from the same panel.
 */
package dev.nautilus.engines.universe;

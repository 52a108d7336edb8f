package dev.nautilus.store.model;

/** Which engine family raised an alert. */
public enum AlertCategory {
    RISK,
    MARGIN
}

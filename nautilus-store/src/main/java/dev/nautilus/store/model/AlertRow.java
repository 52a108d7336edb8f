package dev.nautilus.store.model;

import java.time.Instant;

/**
 * A risk or margin alert.
 *
 * @param ts       when it was raised
 * @param id       unique id (the bus message id), the tie-breaker for keyset pagination
 * @param category RISK or MARGIN
 * @param severity bus priority name it travelled with, e.g. {@code URGENT}, {@code FLASH_CRASH}
 * @param code     machine-readable kind, e.g. {@code var_breach}, {@code margin_call}
 * @param message  human-readable text
 * @param value    the measured value that triggered it, finite
 */
public record AlertRow(
        Instant ts, String id, AlertCategory category, String severity, String code, String message, double value)
        implements StoredRecord {

    public AlertRow {
        ts = Require.time(ts, "ts");
        Require.text(id, "id");
        Require.present(category, "category");
        Require.text(severity, "severity");
        Require.text(code, "code");
        Require.present(message, "message");
        Require.finite(value, "value");
    }
}

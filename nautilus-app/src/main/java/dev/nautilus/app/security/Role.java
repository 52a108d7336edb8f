package dev.nautilus.app.security;

/** What a bearer token lets its holder do on the platform's HTTP and WebSocket ports. */
public enum Role {
    /** The dashboard, every {@code GET}, the WebSocket stream. */
    READ,
    /** Everything {@link #READ} may, and whatever changes state (dead-letter replay, backtest requests). */
    ADMIN;

    /** Whether a holder of this role may do what {@code required} is needed for. */
    public boolean permits(Role required) {
        return this == ADMIN || required == READ;
    }
}

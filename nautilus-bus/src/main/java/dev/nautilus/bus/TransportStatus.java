package dev.nautilus.bus;

/**
 * A point-in-time view of one bus transport, for health endpoints, metrics and the monitor.
 *
 * @param bus                 which bus
 * @param transport           the transport kind, e.g. {@code in-memory} or {@code redis}
 * @param endpoint            where it is connected (no credentials), e.g. {@code redis://localhost:6380}
 * @param connected           whether it can currently reach its bus
 * @param published           messages accepted for publishing
 * @param delivered           messages handed to handlers (redeliveries included)
 * @param acked               messages whose handler returned normally
 * @param handlerFailures     handler invocations that threw
 * @param deadLettered        messages moved to the dead letters
 * @param rejected            publishes refused (back-pressure, buffer overflow)
 * @param queued              messages waiting for a consumer or in a publish buffer
 * @param lastError           the most recent connection or delivery error, or {@code null}
 */
public record TransportStatus(
        Bus bus,
        String transport,
        String endpoint,
        boolean connected,
        long published,
        long delivered,
        long acked,
        long handlerFailures,
        long deadLettered,
        long rejected,
        long queued,
        String lastError) {}

package dev.nautilus.app.api;

/**
 * An engine whose health the API aggregates: its name, display name and the HTTP port its
 * {@code /health} answers on (offset applied).
 */
public record EngineTarget(String name, String displayName, int port) {}

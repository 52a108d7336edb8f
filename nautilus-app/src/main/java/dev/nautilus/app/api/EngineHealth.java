package dev.nautilus.app.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One engine's health as the API reports it.
 *
 * @param name        engine name
 * @param displayName the seed's name of the engine
 * @param port        its HTTP port
 * @param status      {@code UP}, {@code DOWN} (it answered 503) or {@code UNREACHABLE} (no answer)
 * @param latencyMs   how long {@code /health} took to answer, or {@code null} when unreachable
 * @param health      the engine's own {@code /health} body, or {@code null} when unreachable
 * @param error       why it is unreachable, or {@code null}
 */
public record EngineHealth(
        String name, String displayName, int port, String status, Long latencyMs, JsonNode health, String error) {}

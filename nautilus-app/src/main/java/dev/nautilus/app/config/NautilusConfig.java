package dev.nautilus.app.config;

import dev.nautilus.app.security.HttpSecurity;
import java.nio.file.Path;

/**
 * The platform's whole configuration, typed and validated; see {@link ConfigLoader} for where the
 * values come from.
 *
 * @param bus        the buses
 * @param store      storage
 * @param dataDir    where the embedded store and bench output live
 * @param portOffset added to every engine, API and dashboard port
 * @param websocket  the WebSocket engine
 * @param http       how the HTTP and WebSocket servers are exposed: address, tokens, origins
 */
public record NautilusConfig(
        BusSettings bus,
        StoreSettings store,
        Path dataDir,
        int portOffset,
        WebSocketSettings websocket,
        HttpSecurity http) {

    /** A port shifted by the configured offset; 0 (ephemeral) stays 0. */
    public int port(int basePort) {
        return basePort == 0 ? 0 : basePort + portOffset;
    }
}

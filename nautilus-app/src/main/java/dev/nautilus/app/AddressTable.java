package dev.nautilus.app;

import dev.nautilus.app.api.BackendApi;
import dev.nautilus.app.config.NautilusConfig;
import dev.nautilus.app.dashboard.DashboardServer;
import dev.nautilus.app.http.EngineHttpServer;
import dev.nautilus.app.websocket.WebSocketEngine;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.TransportStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few lines a command prints on start: what runs where (buses, engines' endpoints, faces, data, store). */
final class AddressTable {

    private AddressTable() {}

    /**
     * The lines, one per bus, watched Redis, engine endpoint, face, data directory and store.
     *
     * @param faces the Backend API and its dashboard, when this process serves them
     */
    static List<String> lines(
            NautilusConfig config,
            MessageBus bus,
            List<EngineHttpServer> servers,
            Optional<Faces> faces,
            PlatformMode mode) {
        List<String> lines = new ArrayList<>();
        RoutingTable routing = bus.routing();
        for (TransportStatus status : bus.status()) {
            Bus which = status.bus();
            lines.add(String.format(
                    "%-18s %-10s %-28s carries %s",
                    which.displayName() + " bus",
                    status.transport(),
                    status.endpoint(),
                    routing.typesOn(which).stream().map(t -> t.wireName()).toList()));
        }
        lines.add(String.format(
                "%-18s %s",
                "main Redis",
                config.bus().mainRedisUrl().map(u -> "watched at " + u).orElse("not watched")));
        for (EngineHttpServer server : servers) {
            lines.add(String.format(
                    "%-18s http://localhost:%d/health",
                    server.runtime().engine().wiring().displayName(), server.port()));
            if (server.runtime().engine() instanceof WebSocketEngine) {
                lines.add(String.format("%-18s ws://localhost:%d/ws", "WebSocket stream", server.port()));
            }
        }
        faces.ifPresent(f -> {
            BackendApi api = f.api();
            DashboardServer dashboard = f.dashboard();
            lines.add(String.format(
                    "%-18s http://localhost:%d/api  (OpenAPI: http://localhost:%d/openapi.json)",
                    "Backend API", api.port(), api.port()));
            lines.add(String.format(
                    "%-18s http://localhost:%d/docs?token=%s",
                    "API docs",
                    api.port(),
                    config.http().tokens().configured()
                            ? "<read token>"
                            : config.http().tokens().read()));
            lines.add(String.format(
                    "%-18s http://localhost:%d/?token=%s",
                    "Dashboard",
                    dashboard.port(),
                    config.http().tokens().configured()
                            ? "<NAUTILUS_API_TOKEN>"
                            : config.http().tokens().admin()));
        });
        lines.addAll(TokenLines.of(config.http()));
        lines.add(String.format(
                "%-18s %s", "data directory", config.dataDir().toAbsolutePath().normalize()));
        if (mode instanceof PlatformMode.WholePlatform whole) {
            lines.add(String.format(
                    "%-18s %s, %,d %s trades from earlier runs",
                    "store", whole.store().kind(), whole.history(), Platform.RECORDED_SYMBOL));
        } else if (mode instanceof PlatformMode.EngineProcess process) {
            lines.add(String.format(
                    "%-18s %s",
                    "store",
                    process.store()
                            .map(s -> s.kind() + " schema " + config.store().schema() + ", pool "
                                    + config.store().poolSize() + " as "
                                    + Connections.applicationName(process.identity()))
                            .orElse("none (no PostgreSQL configured)")));
        }
        return lines;
    }
}

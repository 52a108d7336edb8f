package dev.nautilus.app;

import dev.nautilus.app.api.BackendApi;
import dev.nautilus.app.dashboard.DashboardServer;

/**
 * The faces people use: the Backend API and the dashboard that talks to it, started and closed together.
 *
 * @param api       the Backend API
 * @param dashboard the dashboard's server
 */
record Faces(BackendApi api, DashboardServer dashboard) implements AutoCloseable {

    /**
     * Starts the dashboard for an API already started; closes the API if the dashboard cannot start.
     *
     * @param webSocketPort the port of the WebSocket engine the page connects to
     */
    static Faces start(BackendApi api, int dashboardPort, int webSocketPort) {
        try {
            return new Faces(api, DashboardServer.start(dashboardPort, api.port(), webSocketPort));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** Closes the dashboard, then the API. */
    @Override
    public void close() {
        dashboard.close();
        api.close();
    }
}

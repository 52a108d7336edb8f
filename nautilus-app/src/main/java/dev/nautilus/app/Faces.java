package dev.nautilus.app;

import dev.nautilus.app.api.BackendApi;
import dev.nautilus.app.dashboard.DashboardServer;
import dev.nautilus.app.security.HttpSecurity;

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
     * @param http          where to bind and whom to let in; learns the dashboard's origin
     * @param webSocketPort the port of the WebSocket engine the page connects to
     */
    static Faces start(BackendApi api, HttpSecurity http, int dashboardPort, int webSocketPort) {
        try {
            DashboardServer dashboard = DashboardServer.start(http, dashboardPort, api.port(), webSocketPort);
            // the page calls the API and the WebSocket engine from its own origin, known only now
            http.allowedOrigins().allowDashboard(http.host(), dashboard.port());
            return new Faces(api, dashboard);
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

package dev.nautilus.app.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How every HTTP and WebSocket server of the platform is exposed: the address it binds, the tokens
 * it asks for, whether {@code /metrics} is open, and the origins a browser page may call it from.
 *
 * @param host           the address servers bind; loopback unless configured
 * @param tokens         the bearer tokens
 * @param metricsPublic  whether {@code /metrics} answers without a token (for a Prometheus that has none)
 * @param allowedOrigins origins (scheme://host:port) allowed to call cross-origin, besides a server's own
 */
public record HttpSecurity(String host, AccessTokens tokens, boolean metricsPublic, AllowedOrigins allowedOrigins) {

    /** The address servers bind unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    public HttpSecurity {
        if (!isLoopback(host) && !tokens.configured()) {
            throw new IllegalArgumentException("binding " + host + " exposes every port beyond this machine, and the"
                    + " platform has no configured token (a generated one is printed on the console only): set"
                    + " NAUTILUS_API_TOKEN first");
        }
    }

    /** Loopback with fresh tokens and no origin allowed yet: what {@code up} runs with by default. */
    public static HttpSecurity loopback() {
        return new HttpSecurity(LOOPBACK, AccessTokens.generated(), false, new AllowedOrigins(List.of()));
    }

    /** The address to reach the platform's own servers at: the bound one, or loopback when bound to all. */
    public String probeHost() {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? LOOPBACK : host;
    }

    /** Whether a browser page from {@code origin} may call a server reached as {@code hostHeader}. */
    public boolean originAllowed(String origin, String hostHeader) {
        if (hostHeader != null && (origin.equals("http://" + hostHeader) || origin.equals("https://" + hostHeader))) {
            return true;
        }
        return allowedOrigins.contains(origin);
    }

    /** Whether {@code host} names this machine only (a loopback address, or a name resolving to one). */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

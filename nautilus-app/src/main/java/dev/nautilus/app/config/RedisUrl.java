package dev.nautilus.app.config;

import dev.nautilus.bus.Redaction;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Redis URL ({@code redis://} or {@code rediss://} for TLS, optional {@code user:password@},
 * optional {@code /db}). {@link #toString()} never shows the password.
 *
 * @param uri the URL as configured
 */
public record RedisUrl(URI uri) {

    /**
     * Parses and validates a Redis URL.
     *
     * @param key the configuration key it came from, named in errors
     */
    public static RedisUrl parse(String key, String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(key + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new ConfigException(
                    key + " must start with redis:// or rediss://, was '" + Redaction.url(uri.toString()) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException(key + " has no host: '" + Redaction.url(uri.toString()) + "'");
        }
        String path = uri.getPath();
        if (path != null
                && !path.isEmpty()
                && !path.equals("/")
                && !path.substring(1).matches("\\d{1,2}")) {
            throw new ConfigException(key + " database must be a number (redis://host:port/0), was '" + path + "'");
        }
        return new RedisUrl(uri);
    }

    /** The URL as Lettuce takes it (credentials included). */
    public String value() {
        return uri.toString();
    }

    /** Host and port, e.g. {@code localhost:6380}. */
    public String hostAndPort() {
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
    }

    @Override
    public String toString() {
        return Redaction.url(uri.toString());
    }
}

package dev.nautilus.app.config;

/** A configuration value that is missing, malformed or inconsistent; names the key. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}

package dev.nautilus.app.config;

import dev.nautilus.bus.Redaction;
import java.util.Optional;

/**
 * One key's effective text, before validation, and where it came from.
 *
 * @param key    the key
 * @param value  its text, empty when unset; may be a secret: print it as {@link #printable()}
 * @param source the layer that set it (a key left unset has its default as source)
 */
public record ConfigValue(ConfigKey key, Optional<String> value, ConfigSource source) {

    /** What stands for an unset value. */
    public static final String UNSET = "(unset)";

    /** The value safe to print: {@value #UNSET}, {@code ***} for a secret, else through the URL redactor. */
    public String printable() {
        if (value.isEmpty()) {
            return UNSET;
        }
        return key.secret() ? Redaction.MASK : Redaction.url(value.get());
    }

    @Override
    public String toString() {
        // the generated form would print a secret
        return "ConfigValue[key=" + key.fileKey() + ", value=" + printable() + ", source=" + source + "]";
    }
}

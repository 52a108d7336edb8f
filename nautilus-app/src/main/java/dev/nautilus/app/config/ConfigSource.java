package dev.nautilus.app.config;

import java.nio.file.Path;

/** Where a configuration value came from: its key's default, the {@code --config} file, or a variable. */
public sealed interface ConfigSource {

    /** The key's default (which may be "unset"). */
    record Default() implements ConfigSource {
        @Override
        public String toString() {
            return "default";
        }
    }

    /**
     * The YAML file given with {@code --config}.
     *
     * @param file the file as given
     */
    record File(Path file) implements ConfigSource {
        @Override
        public String toString() {
            return "file " + file;
        }
    }

    /**
     * A {@code NAUTILUS_…} environment variable.
     *
     * @param variable its name
     */
    record Environment(String variable) implements ConfigSource {
        @Override
        public String toString() {
            return "env " + variable;
        }
    }
}

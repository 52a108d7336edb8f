package dev.nautilus.bench.chaos;

import java.nio.file.Path;

/**
 * How a scenario runs.
 *
 * @param shortForm the smaller, faster form the tests run
 * @param minutes   the soak's length (other scenarios ignore it)
 * @param logs      where the child processes' output goes
 */
public record ChaosOptions(boolean shortForm, int minutes, Path logs) {

    public ChaosOptions {
        if (minutes < 1 || minutes > 24 * 60) {
            throw new IllegalArgumentException("minutes must be 1..1440, was " + minutes);
        }
    }

    /** The short form, logging under {@code target/chaos/logs} (the tests' form). */
    public static ChaosOptions forTests() {
        return new ChaosOptions(true, 1, Path.of("target", "chaos", "logs"));
    }
}

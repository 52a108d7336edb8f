package dev.nautilus.app.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository outside the module (docs/), found from wherever the test runs. */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /**
     * The file at {@code relative} from the repository's root: the nearest directory, from the working
     * directory up, that holds it (Maven runs a module's tests in the module's directory).
     */
    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }
}

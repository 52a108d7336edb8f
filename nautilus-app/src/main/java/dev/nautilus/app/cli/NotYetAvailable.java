package dev.nautilus.app.cli;

import java.io.PrintWriter;

/** The one-line answer of a command whose issue has not landed: a clear non-zero exit, never a fake success. */
final class NotYetAvailable {

    private NotYetAvailable() {
    }

    static int report(PrintWriter err, String command, String issue) {
        err.println("nautilus " + command + ": not available yet (" + issue + ")");
        err.flush();
        return NautilusCommand.NOT_AVAILABLE;
    }
}

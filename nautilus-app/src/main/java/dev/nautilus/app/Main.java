package dev.nautilus.app;

import dev.nautilus.app.cli.NautilusCommand;

/** Entry point of the {@code nautilus} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(NautilusCommand.commandLine().execute(args));
    }
}

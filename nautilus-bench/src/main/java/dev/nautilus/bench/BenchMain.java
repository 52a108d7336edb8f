package dev.nautilus.bench;

import picocli.CommandLine;

/** Entry point of {@code ./nautilus bench}: the launcher starts it with this module's class path. */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}

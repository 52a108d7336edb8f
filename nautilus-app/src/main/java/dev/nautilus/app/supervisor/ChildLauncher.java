package dev.nautilus.app.supervisor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child as a JVM of the same installation: this JVM's {@code java}, class path and module
 * flags, the lean settings below, and the child's output appended to {@code logs/<name>.log}.
 *
 * <p>Lean: an idle engine needs little heap and no optimising compiler to keep up with its stream, and
 * fourteen of them share a small machine, so each gets the serial collector (no collector threads per
 * core), a small heap that grows on demand, one compiler thread with small code and direct-memory
 * caches, small thread stacks, and class-data sharing for start-up.
 */
public final class ChildLauncher {

    /** Flags every child gets, before its own. */
    static final List<String> LEAN_FLAGS = leanFlags(Runtime.version().feature());

    /**
     * Measured on one idle engine (docs/BENCHMARKS.md, "Lean engine processes"): the JDK's defaults
     * hold about 190 MB resident; these about 120 MB. Compact object headers exist as a product
     * option from JDK 25 on, and the child runs on this JVM's own {@code java}.
     */
    static List<String> leanFlags(int javaFeature) {
        List<String> flags = new ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-Xms16m",
                "-Xmx256m",
                "-XX:MaxMetaspaceSize=96m",
                "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxDirectMemorySize=32m",
                "-Xss256k",
                "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1",
                "-Xshare:auto"));
        if (javaFeature >= 25) {
            flags.add("-XX:+UseCompactObjectHeaders");
        }
        return List.copyOf(flags);
    }

    private final Path java;
    private final String classPath;
    private final List<String> jvmFlags;
    private final Path logs;

    /**
     * @param jvmFlags flags of this JVM to pass on (native access, {@code sun.misc.Unsafe} permission)
     * @param logs     directory of the children's log files
     */
    public ChildLauncher(Path java, String classPath, List<String> jvmFlags, Path logs) {
        this.java = java;
        this.classPath = classPath;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.logs = logs;
    }

    /** The launcher of this JVM's own installation. */
    public static ChildLauncher ofThisJvm(Path logs) {
        List<String> passOn = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc-unsafe"))
                .toList();
        return new ChildLauncher(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                passOn,
                logs);
    }

    /** Starts the child; its output goes to its log file, its standard input is closed. */
    Process start(ChildSpec spec) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(LEAN_FLAGS);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classPath);
        command.add("dev.nautilus.app.Main");
        command.addAll(spec.arguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(log(spec.name()).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(spec.environment());
        return builder.start();
    }

    /** Where a child's output goes. */
    Path log(String name) {
        return logs.resolve(name + ".log");
    }
}

package dev.nautilus.bench.chaos;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Threads, open file descriptors and heap (after a GC) of this JVM: what a soak checks stays flat.
 *
 * @param threads   live threads
 * @param fds       open file descriptors ({@code /proc/self/fd})
 * @param heapBytes heap used after {@code System.gc()}
 */
record ProcessGauges(int threads, long fds, long heapBytes) {

    static ProcessGauges now() throws IOException {
        System.gc();
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        return new ProcessGauges(
                ManagementFactory.getThreadMXBean().getThreadCount(),
                fds,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** The names of this JVM's live threads, sorted: which ones a soak added shows where they come from. */
    static java.util.SortedSet<String> threadNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    /** Whether each gauge of {@code later} is within {@code fraction} above this one. */
    boolean flatWithin(ProcessGauges later, double fraction) {
        return later.threads <= threads * (1 + fraction)
                && later.fds <= fds * (1 + fraction)
                && later.heapBytes <= heapBytes * (1 + fraction);
    }
}

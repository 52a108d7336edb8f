package dev.nautilus.app.http;

import java.lang.management.ManagementFactory;

/**
 * Facts about the machine and JVM, read at request time; nothing here is assumed or invented (no
 * accelerators: this process uses none).
 *
 * @param availableProcessors cores the JVM may use
 * @param systemLoadAverage   one-minute load average; {@code null} where the OS does not report it
 * @param heapUsedBytes       heap in use
 * @param heapMaxBytes        maximum heap
 * @param totalMemoryBytes    physical memory of the machine, {@code null} when unknown
 * @param freeMemoryBytes     free physical memory, {@code null} when unknown
 * @param javaVersion         JVM version
 * @param javaVendor          JVM vendor
 * @param os                  operating system name, version and architecture
 * @param liveThreads         live threads in this JVM
 */
public record HardwareStatus(
        int availableProcessors,
        Double systemLoadAverage,
        long heapUsedBytes,
        long heapMaxBytes,
        Long totalMemoryBytes,
        Long freeMemoryBytes,
        String javaVersion,
        String javaVendor,
        String os,
        int liveThreads) {

    /** Reads the current values. */
    public static HardwareStatus read() {
        var osBean = ManagementFactory.getOperatingSystemMXBean();
        double load = osBean.getSystemLoadAverage();
        Long total = null;
        Long free = null;
        if (osBean instanceof com.sun.management.OperatingSystemMXBean sun) {
            total = sun.getTotalMemorySize();
            free = sun.getFreeMemorySize();
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new HardwareStatus(
                Runtime.getRuntime().availableProcessors(),
                load < 0 ? null : load,
                heap.getUsed(),
                heap.getMax(),
                total,
                free,
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                ManagementFactory.getThreadMXBean().getThreadCount());
    }
}

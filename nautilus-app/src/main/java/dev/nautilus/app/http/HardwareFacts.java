package dev.nautilus.app.http;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /hardware/status}: what the JVM can see of the machine. Real facts only, no invented accelerators. */
final class HardwareFacts {

    private HardwareFacts() {
    }

    static Map<String, Object> read() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("cores", runtime.availableProcessors());
        facts.put("memory_total_bytes", os.getTotalMemorySize());
        facts.put("memory_free_bytes", os.getFreeMemorySize());
        facts.put("load_average_1m", os.getSystemLoadAverage());
        facts.put("process_cpu_load", os.getProcessCpuLoad());
        facts.put("os", os.getName() + " " + os.getVersion() + " (" + os.getArch() + ")");
        facts.put("jvm", Runtime.version().toString() + " " + System.getProperty("java.vm.name") + " (" + System.getProperty("java.vendor") + ")");
        facts.put("heap_used_bytes", runtime.totalMemory() - runtime.freeMemory());
        facts.put("heap_max_bytes", runtime.maxMemory());
        facts.put("accelerators", java.util.List.of());
        return facts;
    }
}

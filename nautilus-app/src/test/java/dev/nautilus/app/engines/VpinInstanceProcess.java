package dev.nautilus.app.engines;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineHost;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.List;

/**
 * One VPIN instance of {@link PartitionedVpinTest} in a process of its own, for the test that kills
 * it with SIGKILL: on the test's partitioned Redis buses, with the test's VPIN settings. Prints
 * {@code READY} once its engine is subscribed, then per handled message
 * {@code HANDLED <instance> <partition> <epoch> <id> <replay>}, each line flushed.
 *
 * <p>Arguments: MarketData Redis URL, Engine Logic Redis URL, the run's key prefix, the instance number.
 */
public final class VpinInstanceProcess {

    private VpinInstanceProcess() {}

    public static void main(String[] args) throws Exception {
        String instance = "instance-" + args[3];
        PrintStream out = System.out;
        MessageBus bus = PartitionedVpinTest.redis(args[0], args[1], args[2]).apply(instance);
        List<Engine> engines = PartitionedVpinTest.vpin().stream()
                .map(engine -> PartitionedRun.logged(engine, instance, h -> {
                    synchronized (out) {
                        out.println("HANDLED " + h.instance() + " " + h.partition() + " " + h.epoch() + " " + h.id()
                                + " " + h.replay());
                        out.flush();
                    }
                }))
                .toList();
        EngineHost host = new EngineHost(bus, new SimpleMeterRegistry(), args[3], engines);
        host.start();
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        Thread.currentThread().join();
    }
}

package dev.nautilus.bench.chaos;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.MessageType;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The victim of the chaos scenarios: a real Nautilus consumer (the Redis transport, its consumer
 * group, claiming, the publish barrier) in a JVM of its own, so it can be killed with SIGKILL or
 * stopped with SIGSTOP. As a {@code sink} it records every MarketData input in the
 * {@link EffectLedger} on the verification Redis; as a {@code republisher} it publishes one output
 * per input on the Engine Logic bus (consume A, publish B). Prints {@code READY} once subscribed.
 */
@Command(name = "chaos-consumer", mixinStandardHelpOptions = true)
public final class ChaosConsumer implements Callable<Integer> {

    /** What the consumer does with an input. */
    public enum Mode {
        sink,
        republisher
    }

    @Option(names = "--marketdata", required = true)
    String marketData;

    @Option(names = "--enginelogic", required = true)
    String engineLogic;

    @Option(names = "--verify", description = "the verification Redis (sink only)")
    String verify;

    @Option(names = "--group", required = true)
    String group;

    @Option(names = "--consumer", required = true)
    String consumer;

    @Option(names = "--mode", required = true)
    Mode mode;

    @Option(
            names = "--type",
            defaultValue = "MARKET_DATA",
            description =
                    "what a sink consumes: MARKET_DATA (keyed by message id) or STRATEGY_SIGNAL (keyed by input id)")
    MessageType type;

    @Option(names = "--claim-idle-ms", defaultValue = "1000")
    long claimIdleMs;

    @Option(names = "--command-timeout-ms", defaultValue = "2000")
    long commandTimeoutMs;

    public static void main(String[] args) {
        int code = new CommandLine(new ChaosConsumer()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        DualMessageBus bus = ChaosBus.dual(
                marketData, engineLogic, consumer, Duration.ofMillis(claimIdleMs), Duration.ofMillis(commandTimeoutMs));
        switch (mode) {
            case sink -> {
                EffectLedger ledger = new EffectLedger(verify, group);
                // An output's effect is keyed by its input: the id a repeated output shares.
                bus.subscribe(
                        ChaosBus.spec(group, consumer, type),
                        m -> ledger.record(
                                type == MessageType.STRATEGY_SIGNAL ? ChaosBus.inputOf(m) : m.id(), consumer));
            }
            case republisher ->
                bus.subscribe(
                        ChaosBus.spec(group, consumer, MessageType.MARKET_DATA), m -> bus.publish(ChaosBus.output(m)));
        }
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
        return 0;
    }
}

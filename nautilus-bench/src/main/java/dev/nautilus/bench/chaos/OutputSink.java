package dev.nautilus.bench.chaos;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Subscription;

/**
 * The consumer downstream of a republisher, in the scenario's own process (it is never faulted):
 * it records each output's effect under the id of the input it was made for, in a ledger scope of
 * its own. Its deliveries per input count the outputs the republisher wrote for that input.
 */
final class OutputSink implements AutoCloseable {

    static final String GROUP = "chaos-sink";

    final EffectLedger ledger;
    private final Subscription subscription;

    OutputSink(MessageBus bus, String verifyUrl) {
        this.ledger = new EffectLedger(verifyUrl, GROUP);
        this.subscription = bus.subscribe(
                ChaosBus.spec(GROUP, "sink-1", MessageType.STRATEGY_SIGNAL),
                m -> ledger.record(ChaosBus.inputOf(m), "sink-1"));
    }

    @Override
    public void close() throws Exception {
        subscription.close();
        ledger.close();
    }
}

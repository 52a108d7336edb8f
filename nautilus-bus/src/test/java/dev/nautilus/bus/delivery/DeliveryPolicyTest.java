package dev.nautilus.bus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private final DeliveryPolicy policy = new DeliveryPolicy(3);
    private final Message message = Message.builder(MessageType.RISK_METRIC, "risk.metric.var")
            .source("test")
            .payload(Map.of())
            .build();

    /** Counts as the transports do. */
    private static final class Counts implements DeliveryCounters {
        int delivered;
        int acked;
        int failures;

        @Override
        public void countDelivered() {
            delivered++;
        }

        @Override
        public void countAcked() {
            acked++;
        }

        @Override
        public void countHandlerFailure() {
            failures++;
        }
    }

    @Test
    void aHandlerThatReturnsIsAcknowledgedAfterOneDelivery() {
        Counts counts = new Counts();
        assertThat(policy.deliver(message, m -> {}, 0, counts)).isEqualTo(new DeliveryOutcome.Acknowledge(1));
        assertThat(counts.delivered).isEqualTo(1);
        assertThat(counts.acked).isEqualTo(1);
        assertThat(counts.failures).isZero();
    }

    @Test
    void aFailingHandlerIsRetriedUpToTheLimitThenDeadLetteredWithTheReason() {
        Counts counts = new Counts();
        AtomicInteger calls = new AtomicInteger();
        DeliveryOutcome outcome = policy.deliver(
                message,
                m -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("no price");
                },
                0,
                counts);
        assertThat(outcome)
                .isEqualTo(new DeliveryOutcome.DeadLetter(
                        3, "handler failed 3 times: java.lang.IllegalStateException: no price"));
        assertThat(calls).hasValue(3);
        assertThat(counts.delivered).isEqualTo(3);
        assertThat(counts.failures).isEqualTo(3);
        assertThat(counts.acked).isZero();
    }

    @Test
    void aHandlerThatRecoversOnARetryIsAcknowledged() {
        AtomicInteger calls = new AtomicInteger();
        DeliveryOutcome outcome = policy.deliver(
                message,
                m -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IllegalStateException("not yet");
                    }
                },
                0,
                new Counts());
        assertThat(outcome).isEqualTo(new DeliveryOutcome.Acknowledge(3));
    }

    @Test
    void aStackOverflowIsTheHandlersFailure() {
        assertThat(policy.afterAttempt(1, new StackOverflowError())).isInstanceOf(DeliveryDecision.Retry.class);
        assertThat(policy.afterAttempt(3, new StackOverflowError("deep")))
                .isEqualTo(new DeliveryOutcome.DeadLetter(
                        3, "handler failed 3 times: java.lang.StackOverflowError: deep"));
    }

    @Test
    void anyOtherErrorIsDeliveredAgainLaterWithoutCountingAsAFailure() {
        OutOfMemoryError oom = new OutOfMemoryError("simulated");
        Counts counts = new Counts();
        assertThat(policy.deliver(
                        message,
                        m -> {
                            throw oom;
                        },
                        2,
                        counts))
                .isEqualTo(new DeliveryOutcome.RedeliverLater(oom));
        assertThat(counts.delivered).isEqualTo(1);
        assertThat(counts.failures).isZero();
        AssertionError assertion = new AssertionError("broken invariant");
        assertThat(policy.afterAttempt(3, assertion)).isEqualTo(new DeliveryOutcome.RedeliverLater(assertion));
    }

    @Test
    void previousDeliveriesOfDeadConsumersCountTowardsTheLimit() {
        AtomicInteger calls = new AtomicInteger();
        DeliveryOutcome outcome = policy.deliver(
                message,
                m -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("still failing");
                },
                2,
                new Counts());
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        DeliveryOutcome.DeadLetter.class,
                        d -> assertThat(d.deliveries()).isEqualTo(3));
        assertThat(calls).hasValue(1);
        assertThat(policy.abandonedAfter(2)).isEmpty();
        assertThat(policy.abandonedAfter(3))
                .contains(new DeliveryOutcome.DeadLetter(
                        3, "delivered 3 times without an acknowledgement (consumer died each time)"));
    }

    @Test
    void anUndecodableMessageIsDeadLetteredAtOnce() {
        assertThat(policy.undecodable(1, new IllegalArgumentException("no topic")))
                .isEqualTo(new DeliveryOutcome.DeadLetter(1, "undecodable: no topic"));
    }
}

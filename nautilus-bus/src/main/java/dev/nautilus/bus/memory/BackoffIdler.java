package dev.nautilus.bus.memory;

/**
 * What a consumer does when its queue is empty: a few spins (a message is often only nanoseconds
 * away under load), a few yields, then parking until woken. It never spins without bound, so an
 * idle bus costs no CPU.
 */
final class BackoffIdler {

    private static final int SPINS = 1024;
    private static final int YIELDS = 64;
    private static final long PARK_NANOS = 100_000_000L;

    private int idleRounds;

    void idle(PriorityLanes lanes) {
        int round = idleRounds++;
        if (round < SPINS) {
            Thread.onSpinWait();
        } else if (round < SPINS + YIELDS) {
            Thread.yield();
        } else {
            lanes.awaitMessages(PARK_NANOS);
        }
    }

    void reset() {
        idleRounds = 0;
    }
}

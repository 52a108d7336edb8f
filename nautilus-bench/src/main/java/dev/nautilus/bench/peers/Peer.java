package dev.nautilus.bench.peers;

import dev.nautilus.testkit.RedisServer;

/**
 * One client the peers benchmark measures: it publishes its messages to a stream of {@code redis},
 * has a consumer group read them, hands each to a handler and acknowledges it after handling, and
 * returns what that cost. Adding a client to the table is adding one implementation to {@link
 * PeersBench#peers}.
 */
public interface Peer {

    /** The row's name in the table and in {@code peers.json}. */
    String name();

    /**
     * Warms the client up, then publishes and delivers its measured messages of {@code payload}.
     * Redis holds nothing of an earlier peer (the bench flushes it between rows).
     */
    PeerRow measure(RedisServer redis, PeerPayload payload) throws Exception;

    /** The messages a peer publishes and delivers unmeasured first, for the JIT and the connections. */
    static int warmup(int messages) {
        return Math.max(100, messages / 5);
    }
}

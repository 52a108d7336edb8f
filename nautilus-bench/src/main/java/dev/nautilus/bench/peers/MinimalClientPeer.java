package dev.nautilus.bench.peers;

import dev.nautilus.bench.redis.MinimalClientFloor;
import dev.nautilus.testkit.RedisServer;

/**
 * The floor: {@link MinimalClientFloor#deliver}, exactly {@code XADD} / {@code XREADGROUP} /
 * {@code XACK} pipelined over two sockets, no envelope and no serialisation: what this machine
 * allows for the work every other row does.
 */
public record MinimalClientPeer(int messages) implements Peer {

    public static final String NAME = "minimal raw client (floor)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PeerRow measure(RedisServer redis, PeerPayload payload) throws Exception {
        MinimalClientFloor.deliver(redis.port(), Peer.warmup(messages), payload.bytes());
        CostMeter meter = CostMeter.start(redis);
        MinimalClientFloor.deliver(redis.port(), messages, payload.bytes());
        return meter.jvmRow(name(), messages);
    }
}

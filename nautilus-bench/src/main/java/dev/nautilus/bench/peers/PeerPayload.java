package dev.nautilus.bench.peers;

import dev.nautilus.bench.redis.RedisThroughputBench.Tick;
import dev.nautilus.bus.Json;

/** The message every peer sends: the throughput bench's trade, padded so that its JSON is {@code bytes} long. */
public record PeerPayload(Tick tick, String json, int bytes) {

    public static PeerPayload ofJsonSize(int bytes) {
        Tick tick = Tick.ofJsonSize(bytes);
        return new PeerPayload(tick, Json.write(tick), bytes);
    }
}

package dev.nautilus.bench.peers;

import dev.nautilus.bench.redis.MinimalClientFloor;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor: {@link MinimalClientFloor#deliver}, exactly {@code XADD} / {@code XREADGROUP} /
 * {@code XACK} pipelined over two sockets, no envelope and no serialisation: what this machine
 * allows for the work every other row does. With {@code sameEntry} its entry holds the very fields
 * Nautilus writes for the bench's message (the seed's envelope and ours, encoded once beforehand):
 * what Redis's side of that entry costs, which no client can take away.
 */
public record MinimalClientPeer(int messages, boolean sameEntry) implements Peer {

    public static final String NAME = "minimal raw client (floor)";

    /** The floor writing Nautilus's entry. */
    public static final String SAME_ENTRY = "minimal, Nautilus's entry";

    @Override
    public String name() {
        return sameEntry ? SAME_ENTRY : NAME;
    }

    @Override
    public PeerRow measure(RedisServer redis, PeerPayload payload) throws Exception {
        List<String> fields = sameEntry ? envelope(payload) : MinimalClientFloor.oneField(payload.bytes());
        MinimalClientFloor.deliver(redis.port(), Peer.warmup(messages), fields);
        CostMeter meter = CostMeter.start(redis);
        MinimalClientFloor.deliver(redis.port(), messages, fields);
        return meter.jvmRow(name(), messages);
    }

    /** The fields of the message {@link NautilusPeer} publishes, as its codec writes them. */
    private static List<String> envelope(PeerPayload payload) {
        List<String> fields = new ArrayList<>();
        new EnvelopeCodec()
                .encode(Message.builder(MessageType.MARKET_DATA, NautilusPeer.TOPIC)
                        .source(NautilusPeer.SOURCE)
                        .payload(payload.tick())
                        .build())
                .forEach((name, value) -> {
                    fields.add(name);
                    fields.add(value);
                });
        return fields;
    }
}

package dev.nautilus.bus.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * A command whose RESP bytes were written beforehand (see {@link XaddEncoder}); its reply is
 * checked for an error and otherwise discarded. Lettuce re-encodes a command it retries after a
 * reconnect or a cluster redirect, which here is the same copy again. It is used on a cluster
 * (a single Redis gets its commands through {@link PublishSocket}), so it carries its key as its
 * only argument, which is what Lettuce routes by; the bytes are what is sent.
 */
final class PreEncodedCommand extends Command<String, String, Void> {

    private final byte[] resp;

    /** @param routingKey the key the command writes, for the cluster connection to route by */
    PreEncodedCommand(CommandType type, byte[] resp, String routingKey) {
        super(type, new DiscardingOutput(), new CommandArgs<>(StringCodec.UTF8).addKey(routingKey));
        this.resp = resp;
    }

    @Override
    public void encode(ByteBuf buffer) {
        buffer.writeBytes(resp);
    }

    /** Keeps only an error reply, which fails the command. */
    private static final class DiscardingOutput extends CommandOutput<String, String, Void> {

        DiscardingOutput() {
            super(StringCodec.ASCII, null);
        }

        @Override
        public void set(ByteBuffer bytes) {
            // the reply (the new entry's id) is not needed
        }

        @Override
        public void set(long integer) {
            // not needed either
        }
    }
}

package dev.nautilus.bus.redis;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * A command whose RESP bytes were written beforehand (see {@link XaddEncoder}); its reply is
 * checked for an error and otherwise discarded. Lettuce re-encodes a command it retries after a
 * reconnect, which here is the same copy again.
 */
final class PreEncodedCommand extends Command<String, String, Void> {

    private final byte[] resp;

    PreEncodedCommand(CommandType type, byte[] resp) {
        super(type, new DiscardingOutput());
        this.resp = resp;
    }

    @Override
    public void encode(ByteBuf buffer) {
        buffer.writeBytes(resp);
    }

    /** Keeps only an error reply, which fails the command. */
    private static final class DiscardingOutput extends CommandOutput<String, String, Void> {

        DiscardingOutput() {
            super(io.lettuce.core.codec.StringCodec.ASCII, null);
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

package dev.nautilus.bench.websocket;

import dev.nautilus.bus.MicroClock;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated client: subscribes once the handshake completes, then tallies every frame. Runs
 * on its channel's event loop only.
 */
final class LoadClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final String subscribeRequest;
    private final LoadTally tally;
    private final CompletableFuture<Void> subscribedFuture;

    LoadClientHandler(String pattern, LoadTally tally, CompletableFuture<Void> subscribedFuture) {
        this.subscribeRequest = "{\"op\":\"subscribe\",\"patterns\":[\"" + pattern + "\"]}";
        this.tally = tally;
        this.subscribedFuture = subscribedFuture;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.writeAndFlush(new TextWebSocketFrame(subscribeRequest));
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            subscribedFuture.completeExceptionally(new IllegalStateException("handshake timed out"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        var content = frame.content();
        if (FrameFields.startsWith(content, FrameFields.MESSAGE)) {
            tally.message(FrameFields.timestampMicros(content), MicroClock.nowMicros());
        } else if (FrameFields.startsWith(content, FrameFields.DROPPED)) {
            tally.droppedReported.add(
                    FrameFields.wholeNumber(content, content.readerIndex() + FrameFields.DROPPED.length));
        } else if (FrameFields.startsWith(content, FrameFields.SUBSCRIBED)) {
            tally.subscribed.increment();
            subscribedFuture.complete(null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (subscribedFuture.isDone() && !subscribedFuture.isCompletedExceptionally()) {
            tally.closedByServer.increment();
        }
        subscribedFuture.completeExceptionally(new IllegalStateException("connection closed before subscribing"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        subscribedFuture.completeExceptionally(cause);
        ctx.close();
    }
}

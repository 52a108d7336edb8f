package dev.nautilus.app.websocket;

import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.engines.host.EngineMatrix;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The WebSocket engine alone on the in-memory buses, on an ephemeral port, configured through the environment map. */
final class WebSocketServerFixture implements AutoCloseable {

    final Platform platform;
    final WebSocketEngine engine;
    final int port;

    WebSocketServerFixture(Map<String, String> environment) {
        platform = Platform.start(new ConfigLoader(environment).load(), "websocket-test");
        port = platform.startEngines(List.of(EngineMatrix.WEBSOCKET), Map.of(EngineMatrix.WEBSOCKET, 0), "1")
                .getFirst()
                .port();
        engine = (WebSocketEngine) platform.engines().getFirst().engine();
    }

    /** The stream's address with the platform's read token, as the dashboard connects. */
    URI uri() {
        return URI.create(bareUri() + "?token=" + readToken());
    }

    /** The stream's address without a token. */
    URI bareUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    String readToken() {
        return platform.http().tokens().read();
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Message publish(MessageType type, String topic, Object payload) {
        Message message =
                Message.builder(type, topic).source("test").payload(payload).build();
        platform.bus().publish(message);
        return message;
    }

    @Override
    public void close() {
        platform.close();
    }
}

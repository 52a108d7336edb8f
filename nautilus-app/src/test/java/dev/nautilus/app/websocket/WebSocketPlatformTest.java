package dev.nautilus.app.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.app.http.EngineHttpServer;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.marketdata.Trade;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The platform as {@code up} starts it streams the real pipeline's traffic to a WebSocket client. */
class WebSocketPlatformTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aClientSeesTheReplayedTradesPricesAndTheEnginesOutputs() throws Exception {
        List<Trade> trades = ReplaySource.bitstamp(3_000);
        Set<Double> replayedPrices = trades.stream().map(Trade::price).collect(Collectors.toSet());
        try (Platform platform = Platform.start(new ConfigLoader(Map.of()).load(), "websocket-platform-test")) {
            Map<String, Integer> ephemeral = new HashMap<>();
            EngineCatalog.PLATFORM.forEach(name -> ephemeral.put(name, 0));
            int port = platform.startEngines(EngineCatalog.PLATFORM, ephemeral, "1").stream()
                    .filter(s -> s.runtime().engine().name().equals(EngineMatrix.WEBSOCKET))
                    .mapToInt(EngineHttpServer::port)
                    .findFirst()
                    .orElseThrow();
            assertThat(platform.describe()).anyMatch(line -> line.contains("ws://localhost:" + port + "/ws"));
            try (JdkWebSocketClient client = JdkWebSocketClient.connect(URI.create("ws://127.0.0.1:" + port
                    + "/ws?token=" + platform.http().tokens().read()))) {
                client.subscribe("market_data.trade.*", "vpin.*");
                platform.startReplay(trades, 0).get();
                // the whole pipeline runs on two shared cores here: its frames get time, not a latency budget
                JsonNode trade =
                        client.next(f -> f.path("message_type").asText().equals("market_data"), PATIENCE);
                assertThat(trade.get("topic").asText()).isEqualTo("market_data.trade.BTCUSD");
                assertThat(trade.get("source_engine").asText()).isEqualTo(EngineMatrix.MARKETDATA);
                assertThat(replayedPrices)
                        .contains(trade.get("payload").get("price").asDouble());
                JsonNode vpin = client.next(f -> f.path("message_type").asText().equals("vpin_calculation"), PATIENCE);
                assertThat(vpin.get("topic").asText()).startsWith("vpin.");
                assertThat(vpin.get("payload").isObject()).isTrue();
            }
        }
    }
}

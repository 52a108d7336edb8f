package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import dev.nautilus.bus.BusEndpoint;
import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.engines.backtesting.BacktestReply;
import dev.nautilus.engines.backtesting.BacktestRequest;
import dev.nautilus.engines.backtesting.BacktestingEngine;
import dev.nautilus.engines.host.EngineHost;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Backtesting engine answers a request over the bus with the figures of the same backtest run directly, and a bad request with its reason. */
class BacktestingEngineTest {

    @Test
    void answersRequestsOverTheBus() throws Exception {
        try (MessageBus bus = InMemoryTransport.dualBus();
                EngineHost host = new EngineHost(
                        bus, new SimpleMeterRegistry(), "1", List.of(new BacktestingEngine(new BacktestOnRequest())))) {
            host.start();
            BusEndpoint client = bus.endpoint("tester", "tester-1");

            BacktestReply ok = client.request(
                            MessageType.SYSTEM_COORDINATION,
                            "backtest.request.aapl",
                            new BacktestRequest("aapl", 5, 20),
                            Duration.ofSeconds(60))
                    .get()
                    .payloadAs(BacktestReply.class);
            BacktestReply bad = client.request(
                            MessageType.SYSTEM_COORDINATION,
                            "backtest.request.x",
                            new BacktestRequest("nasdaq", 5, 20),
                            Duration.ofSeconds(60))
                    .get()
                    .payloadAs(BacktestReply.class);

            BacktestSource source = BacktestSource.apple();
            BacktestReport direct = Backtest.run(
                            source,
                            PipelineSettings.defaults()
                                    .withAnalytics(source.analytics())
                                    .withPeriods(5, 20),
                            ProgressObserver.NONE)
                    .report();
            assertThat(ok.error()).isNull();
            assertThat(ok.bars()).isEqualTo(252);
            assertThat(ok.fills()).isEqualTo(direct.fills());
            assertThat(ok.performance()).isEqualTo(direct.performance());
            assertThat(bad.error()).contains("unknown data source 'nasdaq'");
            assertThat(bad.performance()).isNull();
            client.close();
        }
    }
}

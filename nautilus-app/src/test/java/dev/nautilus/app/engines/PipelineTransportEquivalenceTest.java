package dev.nautilus.app.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.MessageBus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.memory.InMemoryTransport;
import dev.nautilus.bus.redis.RedisBusConfig;
import dev.nautilus.bus.redis.RedisBuses;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.testkit.RedisServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The first 20,000 real BTC trades through hub → features → VPIN → strategy → portfolio → risk →
 * collateral, once on the in-memory buses and once on two real Redis servers: the same signals, the
 * same final P&amp;L, risk and margin, although the replay publishes as fast as it can and the two
 * buses deliver with unrelated timing.
 */
class PipelineTransportEquivalenceTest {

    private static final int TRADES = 20_000;

    private static RecursiveComparisonConfiguration byValue() {
        return RecursiveComparisonConfiguration.builder()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .build();
    }

    @Test
    void redisBusesGiveTheSameResultsAsInMemoryBuses() throws Exception {
        List<Trade> trades = ReplaySource.bitstamp(TRADES);

        PipelineRun.Outcome inMemory;
        try (MessageBus bus = InMemoryTransport.dualBus()) {
            inMemory = PipelineRun.run(bus, trades, false, Duration.ofSeconds(60));
        }

        PipelineRun.Outcome overRedis;
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                MessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults(marketData.url(), "equivalence-test"),
                        RedisBusConfig.defaults(engineLogic.url(), "equivalence-test"))) {
            overRedis = PipelineRun.run(bus, trades, false, Duration.ofSeconds(90));
        }

        assertThat(inMemory.trades()).isEqualTo(TRADES);
        assertThat(inMemory.bars()).isGreaterThan(100);
        assertThat(inMemory.signals()).isNotEmpty();
        assertThat(inMemory.portfolio().fills()).isPositive();
        assertThat(inMemory.risk().historicalVar95()).isNotNull();

        assertThat(overRedis.trades()).isEqualTo(inMemory.trades());
        assertThat(overRedis.bars()).isEqualTo(inMemory.bars());
        // amounts are compared by value: JSON does not keep a BigDecimal's scale (422.50 comes back as 422.5)
        assertThat(overRedis.signals())
                .usingRecursiveFieldByFieldElementComparator(byValue())
                .isEqualTo(inMemory.signals());
        assertThat(overRedis.rsiSignals())
                .usingRecursiveFieldByFieldElementComparator(byValue())
                .isEqualTo(inMemory.rsiSignals());
        assertThat(overRedis.portfolio()).usingRecursiveComparison(byValue()).isEqualTo(inMemory.portfolio());
        assertThat(overRedis.risk()).isEqualTo(inMemory.risk());
        assertThat(overRedis.collateral()).usingRecursiveComparison(byValue()).isEqualTo(inMemory.collateral());
    }
}

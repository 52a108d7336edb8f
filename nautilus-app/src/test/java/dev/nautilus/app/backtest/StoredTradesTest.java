package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.app.engines.MarketFeed;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.engines.marketdata.Trade;
import dev.nautilus.store.Store;
import dev.nautilus.store.StoreConfig;
import dev.nautilus.store.Stores;
import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored history replays like the file it came from: real BTC trades written to an embedded store
 * come back identical and in order, whole or by range, and backtest to the same report figures.
 */
class StoredTradesTest {

    @TempDir
    Path dataDir;

    @Test
    void storedTradesBacktestLikeTheOriginals() throws Exception {
        List<Trade> original = ReplaySource.bitstamp(10_000);
        try (Store store = Stores.open(StoreConfig.embedded(dataDir))) {
            long id = 0;
            for (Trade t : original) {
                store.ingest()
                        .submit(new TradeRow(
                                Instant.EPOCH.plus(t.timestampMicros(), ChronoUnit.MICROS),
                                t.instrument(),
                                id++,
                                t.price(),
                                t.size(),
                                SideCode.valueOf(t.side().name())));
            }
            store.ingest().flush().get();

            BacktestSource stored = BacktestSource.stored(store, "store:BTCUSD", 0);
            List<Trade> back = ((MarketFeed.Trades) stored.feed()).trades();
            assertThat(back).isEqualTo(original);

            long cut = original.get(5_000).timestampMicros();
            Instant cutAt = Instant.EPOCH.plus(cut, ChronoUnit.MICROS);
            List<Trade> before =
                    StoredTrades.load(store.trades(), StoredTrades.Selection.parse("BTCUSD@2013-01-01.." + cutAt), 0);
            assertThat(before)
                    .isEqualTo(original.stream()
                            .filter(t -> t.timestampMicros() < cut)
                            .toList());

            PipelineSettings settings = PipelineSettings.defaults();
            BacktestReport fromStore =
                    Backtest.run(stored, settings, ProgressObserver.NONE).report();
            BacktestReport fromMemory = Backtest.run(
                            new BacktestSource(
                                    "btc", "first 10,000", new MarketFeed.Trades(original), settings.analytics()),
                            settings,
                            ProgressObserver.NONE)
                    .report();
            assertThat(fromStore.performance()).isEqualTo(fromMemory.performance());
            assertThat(fromStore.equityCurve()).isEqualTo(fromMemory.equityCurve());

            assertThatThrownBy(() -> BacktestSource.stored(store, "store:ETHUSD", 0))
                    .hasMessageContaining("no ETHUSD trades");
        }
        assertThatThrownBy(() -> StoredTrades.Selection.parse("BTCUSD@yesterday..today"))
                .hasMessageContaining("yesterday");
    }
}

package dev.nautilus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.store.model.OhlcvBar;
import dev.nautilus.store.model.TradeRow;
import dev.nautilus.store.repository.TimeRange;
import dev.nautilus.store.sample.BitstampTradesCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 100,000 real Bitstamp BTC/USD trades shipped with ta4j-examples, ingested into both stores:
 * bars computed by PostgreSQL ({@code date_bin}) and DuckDB ({@code time_bucket}) must agree with each
 * other and with bars computed independently in plain Java, to 1e-9 (relative for large values).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RealTradesBarsTest {

    private static final String SYMBOL = "BTCUSD";
    private static final double TOLERANCE = 1e-9;

    private final String schema = TestDatabase.newSchema();
    private Path dir;
    private List<TradeRow> trades;
    private Store postgres;
    private Store duckdb;

    @BeforeAll
    void ingestIntoBoth() throws Exception {
        trades = BitstampTradesCsv.loadSample(SYMBOL);
        assertThat(trades).hasSize(100_000);
        dir = Files.createTempDirectory("nautilus-bars-test");
        postgres = Stores.open(TestDatabase.postgres(schema));
        duckdb = Stores.open(TestDatabase.duckdb(dir));
        postgres.ingest().submitAll(trades);
        duckdb.ingest().submitAll(trades);
        assertThat(postgres.ingest().flush().get(60, TimeUnit.SECONDS)).isEqualTo(100_000);
        assertThat(duckdb.ingest().flush().get(60, TimeUnit.SECONDS)).isEqualTo(100_000);
    }

    @AfterAll
    void close() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (duckdb != null) {
            duckdb.close();
        }
        TestDatabase.dropSchema(schema);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0}-second bars")
    @ValueSource(longs = {60, 3600})
    void barsAgreeAcrossStoresAndWithPlainJava(long seconds) {
        Duration interval = Duration.ofSeconds(seconds);
        TimeRange all = TimeRange.all();
        List<OhlcvBar> reference = ReferenceBars.compute(trades, interval);
        List<OhlcvBar> fromPostgres = postgres.trades().bars(SYMBOL, interval, all);
        List<OhlcvBar> fromDuckDb = duckdb.trades().bars(SYMBOL, interval, all);

        assertThat(reference).isNotEmpty();
        assertSameBars(fromPostgres, reference);
        assertSameBars(fromDuckDb, reference);
        assertSameBars(fromPostgres, fromDuckDb);
        assertThat(fromPostgres.stream().mapToLong(OhlcvBar::trades).sum()).isEqualTo(100_000);
    }

    @ParameterizedTest(name = "sub-range of {0}-second bars")
    @ValueSource(longs = {60, 3600})
    void aTimeRangeSelectsWholeBuckets(long seconds) {
        Duration interval = Duration.ofSeconds(seconds);
        Instant from = Instant.ofEpochSecond(1385337600L + 6 * 3600);
        TimeRange range = new TimeRange(from, from.plus(Duration.ofHours(12)));
        List<OhlcvBar> reference = ReferenceBars.compute(
                trades.stream()
                        .filter(t -> !t.ts().isBefore(range.from()) && t.ts().isBefore(range.to()))
                        .toList(),
                interval);
        assertSameBars(postgres.trades().bars(SYMBOL, interval, range), reference);
        assertSameBars(duckdb.trades().bars(SYMBOL, interval, range), reference);
    }

    private static void assertSameBars(List<OhlcvBar> actual, List<OhlcvBar> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            OhlcvBar a = actual.get(i);
            OhlcvBar e = expected.get(i);
            String where = "bar " + i + " at " + e.start();
            assertThat(a.start()).as(where).isEqualTo(e.start());
            assertThat(a.trades()).as(where).isEqualTo(e.trades());
            close(a.open(), e.open(), where + " open");
            close(a.high(), e.high(), where + " high");
            close(a.low(), e.low(), where + " low");
            close(a.close(), e.close(), where + " close");
            close(a.volume(), e.volume(), where + " volume");
            close(a.vwap(), e.vwap(), where + " vwap");
        }
    }

    private static void close(double actual, double expected, String what) {
        double scale = Math.max(1.0, Math.abs(expected));
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(TOLERANCE * scale);
    }
}

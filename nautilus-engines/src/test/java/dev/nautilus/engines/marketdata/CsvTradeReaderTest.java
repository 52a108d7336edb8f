package dev.nautilus.engines.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvTradeReaderTest {

    @Test
    void readsDocumentedColumnsInAnyOrderAndReportsEveryBadRowWithItsLineNumber() {
        String csv = """
                side,price,timestamp,size,instrument
                buy,100.5,1385337600,2,ETHUSD
                ,101,1385337600.5,1.5,
                sell,abc,1385337601,1,ETHUSD

                b,100,1385337602,0,ETHUSD
                s,99,2013-11-25T00:00:03.25Z,3,ETHUSD
                x,99,1385337604,3,ETHUSD
                buy,98,1385337500,1,ETHUSD
                buy,98,1385337605,1
                """;
        TradeLoad load = new CsvTradeReader("BTCUSD").read(new StringReader(csv));

        assertThat(load.trades())
                .containsExactly(
                        new Trade("ETHUSD", 1_385_337_600_000_000L, 100.5, 2, Side.BUY),
                        new Trade("BTCUSD", 1_385_337_600_500_000L, 101, 1.5, Side.UNKNOWN), // default instrument
                        new Trade("ETHUSD", 1_385_337_603_250_000L, 99, 3, Side.SELL)); // ISO-8601 instant
        assertThat(load.errors()).extracting(CsvRowError::lineNumber).containsExactly(4L, 6L, 8L, 9L, 10L);
        assertThat(load.errors().get(0).reason()).contains("price is not a number");
        assertThat(load.errors().get(1).reason()).contains("SIZE_NOT_POSITIVE");
        assertThat(load.errors().get(2).reason()).contains("side must be");
        assertThat(load.errors().get(3).reason()).contains("TIMESTAMP_BACKWARDS");
        assertThat(load.errors().get(4).reason()).contains("expected 5 columns");
        // 9 data rows, one blank: nothing vanished
        assertThat(load.trades().size() + load.errors().size()).isEqualTo(8);
    }

    @Test
    void headerMustNameTheRequiredColumns() {
        assertThatThrownBy(() -> new CsvTradeReader("X").read(new StringReader("time,price,size\n1,2,3\n")))
                .hasMessageContaining("timestamp, price and size");
        assertThatThrownBy(() -> new CsvTradeReader("X").read(new StringReader("")))
                .hasMessageContaining("empty");
    }

    @Test
    void bitstampReplayLoadsTheRealFileAndReportsItsZeroSizeTrades() {
        TradeLoad load = BitstampTradeReplay.load();

        // 100,000 data rows, of which 18 have amount 0.000000000000 (counted independently with awk)
        assertThat(load.trades()).hasSize(99_982);
        assertThat(load.errors()).hasSize(18);
        assertThat(load.errors().get(0).lineNumber()).isEqualTo(1375);
        assertThat(load.errors()).allSatisfy(e -> assertThat(e.reason()).startsWith("SIZE_NOT_POSITIVE"));
        assertThat(load.trades().get(0))
                .isEqualTo(new Trade("BTCUSD", 1_385_337_600_000_000L, 800.01, 0.1, Side.UNKNOWN));
        assertThat(load.trades().get(load.trades().size() - 1).price()).isEqualTo(999.0);
        double volume = load.trades().stream().mapToDouble(Trade::size).sum();
        // exact decimal sum of the amount column (Python Decimal): 175778.654356770000
        assertThat(volume).isCloseTo(175_778.65435677, within(1e-6));
    }

    @Test
    void appleDailyBarsLoadFromTheRealFile() {
        DailyBarCsvReader.BarLoad load = DailyBarCsvReader.appleDaily2013();
        assertThat(load.errors()).isEmpty();
        assertThat(load.bars()).hasSize(252);
        Bar first = load.bars().get(0);
        // 2013-01-02,553.82,555.00,541.63,549.03,20018500 ; 2013-01-02T00:00Z = 1357084800 s
        assertThat(first)
                .isEqualTo(new Bar(
                        "AAPL",
                        1_357_084_800_000_000L,
                        1_357_171_200_000_000L,
                        553.82,
                        555.00,
                        541.63,
                        549.03,
                        20_018_500,
                        549.03,
                        0));
        assertThat(load.bars().get(251).close()).isEqualTo(561.02);
    }

    @Test
    void dailyBarReaderReportsBadRows() {
        String csv = "date,open,high,low,close,volume\n2013-01-02,1,2,0.5,1.5,10\n2013-13-02,1,2,0.5,1.5,10\n"
                + "2013-01-04,1,2,0.5,3,10\n";
        DailyBarCsvReader.BarLoad load = new DailyBarCsvReader("X").read(new StringReader(csv));
        assertThat(load.bars()).hasSize(1);
        assertThat(load.errors()).extracting(CsvRowError::lineNumber).containsExactly(3L, 4L);
        assertThat(load.errors().get(1).reason()).contains("inconsistent OHLC");
    }
}

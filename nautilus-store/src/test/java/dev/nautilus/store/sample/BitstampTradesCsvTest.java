package dev.nautilus.store.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class BitstampTradesCsvTest {

    @Test
    void readsTheRealFileFromTa4jExamples() {
        List<TradeRow> trades = BitstampTradesCsv.loadSample("BTCUSD");
        assertThat(trades).hasSize(100_000);
        // First line of the file: 1385337600,800.010000000000,0.100000000000
        assertThat(trades.getFirst())
                .isEqualTo(
                        new TradeRow(Instant.ofEpochSecond(1385337600L), "BTCUSD", 0, 800.01, 0.1, SideCode.UNKNOWN));
        assertThat(trades.getLast().ts()).isEqualTo(Instant.ofEpochSecond(1385913725L));
        assertThat(trades).isSortedAccordingTo(java.util.Comparator.comparing(TradeRow::ts));
    }

    @Test
    void aMalformedLineIsRefusedWithItsLineNumberAndField() {
        String csv = "timestamp,price,amount\n1385337600,800.01,0.1\n1385337613,NaN,0.2\n";
        assertThatThrownBy(() -> BitstampTradesCsv.read(stream(csv), "BTCUSD"))
                .isInstanceOf(IOException.class)
                .hasMessage("line 3: price must be a finite number, was NaN");
        String negative = "timestamp,price,amount\n1385337600,800.01,-0.1\n";
        assertThatThrownBy(() -> BitstampTradesCsv.read(stream(negative), "BTCUSD"))
                .hasMessage("line 2: size must be >= 0, was -0.1");
        assertThatThrownBy(() -> BitstampTradesCsv.read(stream("time,p\n"), "BTCUSD"))
                .hasMessageStartingWith("unexpected header");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}

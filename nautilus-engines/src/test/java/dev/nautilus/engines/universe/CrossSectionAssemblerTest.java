package dev.nautilus.engines.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.engines.marketdata.Bar;
import dev.nautilus.engines.marketdata.InstrumentReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossSectionAssemblerTest {

    private static final long MINUTE = 60_000_000L;

    static InstrumentReference ref(String symbol, String sector, double shares) {
        return new InstrumentReference(symbol, "test", sector, shares, 1e9, 2e9, 1e8);
    }

    static Bar bar(String symbol, long end, double close, double volume) {
        return new Bar(symbol, end - MINUTE, end, close, close, close, close, volume, close, 1);
    }

    @Test
    void emitsAnIntervalWhenEveryMemberReportedOrWhenALaterOneBegins() {
        CrossSectionAssembler a = new CrossSectionAssembler("test");
        a.addMember(ref("A", "S1", 10));
        a.addMember(ref("B", "S2", 20));

        assertThat(a.onBar(bar("A", MINUTE, 10, 1))).isEmpty();
        List<CrossSection> first = a.onBar(bar("B", MINUTE, 20, 1));
        assertThat(first).singleElement().satisfies(cs -> {
            assertThat(cs.complete()).isTrue();
            assertThat(cs.endMicros()).isEqualTo(MINUTE);
            assertThat(cs.bars().keySet()).containsExactly("A", "B");
            assertThat(cs.marketCap("B")).isEqualTo(400);
        });

        assertThat(a.onBar(bar("B", 2 * MINUTE, 21, 1))).isEmpty(); // A had no trade in minute 2
        List<CrossSection> partial = a.onBar(bar("A", 3 * MINUTE, 11, 1));
        assertThat(partial).singleElement().satisfies(cs -> {
            assertThat(cs.complete()).isFalse();
            assertThat(cs.bars().keySet()).containsExactly("B");
        });
        assertThat(a.onBar(bar("B", 2 * MINUTE, 21, 1))).isEmpty();
        assertThat(a.lateBars()).isEqualTo(1);
    }

    @Test
    void refusesNonMembersAndOtherUniverses() {
        CrossSectionAssembler a = new CrossSectionAssembler("test");
        assertThatThrownBy(() -> a.onBar(bar("X", MINUTE, 1, 1))).hasMessageContaining("not a member");
        assertThatThrownBy(() -> a.addMember(new InstrumentReference("Y", "other", "S", 1, 1, 1, 1)))
                .hasMessageContaining("belongs to universe other");
    }
}

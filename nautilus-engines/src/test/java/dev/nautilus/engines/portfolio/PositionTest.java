package dev.nautilus.engines.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PositionTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void averageCostThroughAddsPartialClosesAndAFlip() {
        Position p = Position.flat("A");
        p = p.apply(d("2"), d("100")).position(); // q 2, cost 200
        p = p.apply(d("2"), d("110")).position(); // q 4, cost 420, avg 105
        assertThat(p.averageCost()).isEqualByComparingTo("105");

        Position.Change sell1 = p.apply(d("-1"), d("120"));
        // closes 1 of 4: cost removed 420·1/4 = 105; realised 1·120 - 105 = 15
        assertThat(sell1.realised()).isEqualByComparingTo("15");
        p = sell1.position();
        assertThat(p.quantity()).isEqualByComparingTo("3");
        assertThat(p.costBasis()).isEqualByComparingTo("315");
        assertThat(p.averageCost()).isEqualByComparingTo("105"); // unchanged by a partial close

        Position.Change flip = p.apply(d("-5"), d("90"));
        // closes 3: realised 3·90 - 315 = -45; the other 2 open short at 90: cost -180
        assertThat(flip.realised()).isEqualByComparingTo("-45");
        p = flip.position();
        assertThat(p.quantity()).isEqualByComparingTo("-2");
        assertThat(p.costBasis()).isEqualByComparingTo("-180");
        assertThat(p.averageCost()).isEqualByComparingTo("90");
        // a short gains when the price falls: -2·80 - (-180) = 20
        assertThat(p.unrealised(d("80"))).isEqualByComparingTo("20");

        Position.Change cover = p.apply(d("2"), d("95"));
        // buying back 2 at 95: realised = -(2·95) - (-180) = -10
        assertThat(cover.realised()).isEqualByComparingTo("-10");
        assertThat(cover.position().isFlat()).isTrue();
        assertThat(cover.position().costBasis()).isEqualByComparingTo("0");
    }

    @Test
    void partialCloseRoundsTheRemovedCostButFullCloseRemovesItExactly() {
        Position p = Position.flat("A").apply(d("3"), d("100.01")).position(); // cost 300.03
        Position.Change c = p.apply(d("-1"), d("100.01"));
        // 300.03 / 3 = 100.01 exactly: no P&L from selling at cost
        assertThat(c.realised()).isEqualByComparingTo("0");
        Position q = Position.flat("A")
                .apply(d("3"), d("1"))
                .position()
                .apply(d("1"), d("0.1"))
                .position(); // 4, 3.1
        Position.Change third = q.apply(d("-1"), d("1"));
        // cost removed 3.1/4 = 0.775; realised 0.225
        assertThat(third.realised()).isEqualByComparingTo("0.225");
        Position.Change rest = third.position().apply(d("-3"), d("1"));
        // full close removes exactly the remaining 2.325: realised 3 - 2.325 = 0.675; total 0.9 = 4 - 3.1
        assertThat(rest.realised()).isEqualByComparingTo("0.675");
    }
}

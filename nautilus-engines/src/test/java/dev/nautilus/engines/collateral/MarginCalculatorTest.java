package dev.nautilus.engines.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarginCalculatorTest {

    private final MarginSchedule schedule = MarginSchedule.builder(new MarginRates(0.2, 0.1))
            .assetClass("crypto", new MarginRates(0.5, 0.3))
            .classify("BTCUSD", "crypto")
            .classify("ETHUSD", "crypto")
            .instrument("ETHUSD", new MarginRates(0.6, 0.4))
            .build();
    private final MarginCalculator calc = new MarginCalculator(schedule);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void ratesResolveInstrumentThenClassThenDefault() {
        assertThat(schedule.ratesFor("ETHUSD")).isEqualTo(new MarginRates(0.6, 0.4));
        assertThat(schedule.ratesFor("BTCUSD")).isEqualTo(new MarginRates(0.5, 0.3));
        assertThat(schedule.ratesFor("AAPL")).isEqualTo(new MarginRates(0.2, 0.1));
    }

    @Test
    void marginUtilisationAndCallHandWorked() {
        Map<String, BigDecimal> positions = Map.of("BTCUSD", d("2"), "AAPL", d("-10"), "FLAT", d("0"));
        Map<String, BigDecimal> prices = Map.of("BTCUSD", d("1000"), "AAPL", d("50"));
        // BTC: 2·1000 = 2000 → IM 0.5·2000 = 1000, MM 0.3·2000 = 600
        // AAPL: |-10|·50 = 500 → IM 100, MM 50. Totals IM 1100, MM 650.
        MarginStatus ok = calc.assess(1, positions, prices, d("2200"));
        assertThat(ok.initialMargin()).isEqualByComparingTo("1100");
        assertThat(ok.maintenanceMargin()).isEqualByComparingTo("650");
        assertThat(ok.utilisation()).isCloseTo(0.5, within(1e-15)); // 1100 / 2200
        assertThat(ok.positions()).extracting(PositionMargin::instrument).containsExactly("AAPL", "BTCUSD");
        assertThat(calc.marginCall(ok)).isEmpty();

        MarginStatus atLevel = calc.assess(2, positions, prices, d("650"));
        assertThat(calc.marginCall(atLevel)).isEmpty(); // equal to maintenance is not below it

        MarginStatus bad = calc.assess(3, positions, prices, d("600"));
        assertThat(bad.utilisation()).isCloseTo(1100.0 / 600, within(1e-12));
        MarginCall call = calc.marginCall(bad).orElseThrow();
        assertThat(call.amountDue()).isEqualByComparingTo("500"); // back to initial: 1100 - 600
        assertThat(call.maintenanceMargin()).isEqualByComparingTo("650");
        assertThat(call.timestampMicros()).isEqualTo(3);
    }

    @Test
    void edgeCases() {
        assertThat(calc.assess(1, Map.of(), Map.of(), d("0")).utilisation()).isZero();
        MarginStatus broke = calc.assess(1, Map.of("AAPL", d("1")), Map.of("AAPL", d("10")), d("-5"));
        assertThat(broke.utilisation()).isInfinite();
        assertThat(calc.marginCall(broke))
                .get()
                .extracting(MarginCall::amountDue)
                .isEqualTo(d("7.0")); // 2 - (-5)
        assertThatThrownBy(() -> calc.assess(1, Map.of("BTCUSD", d("1")), Map.of(), d("1")))
                .hasMessageContaining("prices[BTCUSD]");
        assertThatThrownBy(() -> new MarginRates(0.2, 0.3)).hasMessageContaining("maintenance");
        assertThatThrownBy(() -> new MarginRates(0, 0)).hasMessageContaining("initial");
    }
}

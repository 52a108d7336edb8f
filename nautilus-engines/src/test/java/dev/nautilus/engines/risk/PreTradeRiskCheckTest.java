package dev.nautilus.engines.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PreTradeRiskCheckTest {

    // position ≤ 10 units, order ≤ 5,000 notional, one instrument ≤ 50% of equity
    private final PreTradeRiskCheck check = new PreTradeRiskCheck(new RiskLimits(10, 5_000, 0.5));

    private static String limitOf(RiskDecision d) {
        return ((RiskDecision.Rejected) d).limit();
    }

    @Test
    void approvesWithinLimits() {
        // 5 × 100 = 500 notional; 500 / 10,000 = 5% of equity
        assertThat(check.check("A", 0, 5, 100, 10_000).approved()).isTrue();
        // 4.9 × 1020 = 4,998 ≤ 5,000 and 49.98% ≤ 50%
        assertThat(check.check("A", 0, 4.9, 1020, 10_000).approved()).isTrue();
    }

    @Test
    void rejectsEachBreachNamingTheLimit() {
        // 60 × 100 = 6,000 > 5,000
        RiskDecision big = check.check("A", 0, 60, 100, 10_000);
        assertThat(limitOf(big)).isEqualTo("maxOrderNotional");
        assertThat(((RiskDecision.Rejected) big).value()).isEqualTo(6_000.0);
        assertThat(((RiskDecision.Rejected) big).reason()).contains("6000.0").contains("5000.0");
        // 12 × 100 = 1,200 fine, but |12| > 10
        assertThat(limitOf(check.check("A", 0, 12, 100, 10_000))).isEqualTo("maxPositionQuantity");
        // 3 × 1,000 = 3,000 = 60% of 5,000 equity > 50%
        assertThat(limitOf(check.check("A", 0, 3, 1_000, 5_000))).isEqualTo("maxConcentration");
        // a flip from +5 to -5 is not a reduction: 10 × 600 = 6,000 order notional
        assertThat(limitOf(check.check("A", 5, -5, 600, 100_000))).isEqualTo("maxOrderNotional");
        assertThat(limitOf(check.check("A", 0, 1, 100, 0))).isEqualTo("equity");
    }

    @Test
    void riskReducingOrdersAlwaysPass() {
        assertThat(check.check("A", 12, 11, 100, 10_000)).isInstanceOf(RiskDecision.Approved.class); // still > 10
        assertThat(check.check("A", -50, 0, 1_000, -1).approved()).isTrue(); // flattening with negative equity
    }

    @Test
    void validatesInputs() {
        assertThatThrownBy(() -> check.check("A", 0, 1, Double.NaN, 1)).hasMessageContaining("price");
        assertThatThrownBy(() -> check.check("A", Double.NaN, 1, 1, 1)).hasMessageContaining("currentQuantity");
        assertThatThrownBy(() -> new RiskLimits(0, 1, 1)).hasMessageContaining("maxPositionQuantity");
    }
}

package dev.nautilus.engines.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TradeValidatorTest {

    private final TradeValidator validator = new TradeValidator();

    private Validation.Reason reasonOf(Trade t) {
        return ((Validation.Rejected) validator.validate(t)).reason();
    }

    @Test
    void rejectsBadPricesAndSizesNamingTheField() {
        assertThat(reasonOf(Trade.of("A", 1, Double.NaN, 1))).isEqualTo(Validation.Reason.PRICE_NOT_FINITE);
        assertThat(reasonOf(Trade.of("A", 1, Double.POSITIVE_INFINITY, 1)))
                .isEqualTo(Validation.Reason.PRICE_NOT_FINITE);
        assertThat(reasonOf(Trade.of("A", 1, -5, 1))).isEqualTo(Validation.Reason.PRICE_NOT_POSITIVE);
        assertThat(reasonOf(Trade.of("A", 1, 0, 1))).isEqualTo(Validation.Reason.PRICE_NOT_POSITIVE);
        assertThat(reasonOf(Trade.of("A", 1, 10, 0))).isEqualTo(Validation.Reason.SIZE_NOT_POSITIVE);
        assertThat(reasonOf(Trade.of("A", 1, 10, -1))).isEqualTo(Validation.Reason.SIZE_NOT_POSITIVE);
        assertThat(reasonOf(Trade.of("A", 1, 10, Double.NaN))).isEqualTo(Validation.Reason.SIZE_NOT_FINITE);
        Validation.Rejected r = (Validation.Rejected) validator.validate(Trade.of("A", 1, 10, 0));
        assertThat(r.detail()).contains("size").contains("0.0");
        assertThat(validator.rejectedCount()).isEqualTo(8);
        assertThat(validator.acceptedCount()).isZero();
    }

    @Test
    void timestampsMayNotGoBackwardsPerInstrumentButMayRepeat() {
        assertThat(validator.validate(Trade.of("A", 10, 1, 1)).isAccepted()).isTrue();
        assertThat(validator.validate(Trade.of("B", 5, 1, 1)).isAccepted()).isTrue(); // other instrument, own clock
        assertThat(reasonOf(Trade.of("A", 9, 1, 1))).isEqualTo(Validation.Reason.TIMESTAMP_BACKWARDS);
        assertThat(validator.validate(Trade.of("A", 10, 1, 1)).isAccepted()).isTrue(); // equal is fine
        assertThat(validator.validate(Trade.of("A", 11, 1, 1)).isAccepted()).isTrue();
    }

    @Test
    void rejectedTradeDoesNotAdvanceTheClock() {
        validator.validate(Trade.of("A", 10, 1, 1));
        assertThat(validator.validate(Trade.of("A", 1_000, Double.NaN, 1)).isAccepted())
                .isFalse();
        assertThat(validator.validate(Trade.of("A", 20, 1, 1)).isAccepted()).isTrue();
    }

    @Test
    void tradeRecordRefusesMissingInstrumentOrSide() {
        assertThatThrownBy(() -> Trade.of(" ", 1, 1, 1)).hasMessageContaining("instrument");
        assertThatThrownBy(() -> new Trade("A", 1, 1, 1, null)).hasMessageContaining("side");
    }

    @Test
    void quoteAndBarValidateTheirFields() {
        Quote q = new Quote("A", 1, 99.5, 2, 100.5, 3);
        assertThat(q.mid()).isEqualTo(100.0);
        assertThat(q.spread()).isEqualTo(1.0);
        assertThat(q.isCrossed()).isFalse();
        assertThatThrownBy(() -> new Quote("A", 1, Double.NaN, 1, 1, 1)).hasMessageContaining("bidPrice");
        assertThatThrownBy(() -> new Quote("A", 1, 1, -1, 1, 1)).hasMessageContaining("bidSize");
        assertThatThrownBy(() -> new Bar("A", 0, 10, 10, 9, 8, 9, 1, 9, 1)).hasMessageContaining("inconsistent OHLC");
        assertThatThrownBy(() -> new Bar("A", 10, 10, 10, 10, 10, 10, 1, 10, 1)).hasMessageContaining("endMicros");
        assertThatThrownBy(() -> new Bar("A", 0, 10, 10, 10, 10, 10, -1, 10, 1)).hasMessageContaining("volume");
    }
}

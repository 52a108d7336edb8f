package dev.nautilus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final RoutingTable routing = RoutingTable.defaults();

    @Test
    void marketDataTypesGoToTheMarketDataBus() {
        assertThat(routing.typesOn(Bus.MARKETDATA))
                .containsExactlyInAnyOrder(
                        MessageType.MARKET_DATA, MessageType.PRICE_UPDATE, MessageType.TRADE_EXECUTION);
    }

    @Test
    void everyOtherTypeGoesToTheEngineLogicBus() {
        EnumSet<MessageType> others = EnumSet.complementOf(
                EnumSet.of(MessageType.MARKET_DATA, MessageType.PRICE_UPDATE, MessageType.TRADE_EXECUTION));
        assertThat(others).hasSize(12);
        for (MessageType type : others) {
            assertThat(routing.busOf(type)).as(type.name()).isEqualTo(Bus.ENGINE_LOGIC);
        }
        assertThat(routing.typesOn(Bus.ENGINE_LOGIC)).isEqualTo(others);
    }

    @Test
    void streamKeysFollowPrefixBusAndWireName() {
        assertThat(routing.route(MessageType.PRICE_UPDATE).streamKey()).isEqualTo("nautilus:marketdata:price_update");
        assertThat(routing.route(MessageType.RISK_METRIC).streamKey()).isEqualTo("nautilus:engine_logic:risk_metric");
        assertThat(RoutingTable.withPrefix("prod")
                        .route(MessageType.STRATEGY_SIGNAL)
                        .streamKey())
                .isEqualTo("prod:engine_logic:strategy_signal");
        assertThat(routing.deadLetterStream(Bus.MARKETDATA)).isEqualTo("nautilus:marketdata:dead");
    }

    @Test
    void aTypeCanBeMovedWithoutTouchingTheOthers() {
        RoutingTable moved = routing.withBus(MessageType.ENGINE_HEALTH, Bus.MARKETDATA);
        assertThat(moved.route(MessageType.ENGINE_HEALTH).streamKey()).isEqualTo("nautilus:marketdata:engine_health");
        assertThat(moved.busOf(MessageType.RISK_METRIC)).isEqualTo(Bus.ENGINE_LOGIC);
        assertThat(routing.busOf(MessageType.ENGINE_HEALTH)).isEqualTo(Bus.ENGINE_LOGIC);
    }

    @Test
    void badPrefixIsRefused() {
        assertThatThrownBy(() -> RoutingTable.withPrefix(" ")).hasMessageContaining("prefix");
    }

    @Test
    void wireNamesParseBackCaseInsensitively() {
        for (MessageType type : MessageType.values()) {
            assertThat(MessageType.fromWire(type.wireName())).isEqualTo(type);
            assertThat(MessageType.fromWire(type.name())).isEqualTo(type);
        }
        assertThatThrownBy(() -> MessageType.fromWire("tick")).hasMessageContaining("unknown message type 'tick'");
        assertThat(Priority.fromWire("FLASH_CRASH")).isEqualTo(Priority.FLASH_CRASH);
        assertThatThrownBy(() -> Priority.fromWire("critical")).hasMessageContaining("unknown priority 'critical'");
    }
}

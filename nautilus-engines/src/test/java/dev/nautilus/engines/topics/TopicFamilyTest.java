package dev.nautilus.engines.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.bus.TopicPattern;
import org.junit.jupiter.api.Test;

class TopicFamilyTest {

    private final TopicFamily trades = new TopicFamily("market_data.trade.");

    @Test
    void buildsTopicsAndThePatternThatReadsThemAll() {
        assertThat(trades.topic("BTCUSD")).isEqualTo("market_data.trade.BTCUSD");
        assertThat(trades.pattern()).isEqualTo("market_data.trade.*");
        assertThat(TopicPattern.compile(trades.pattern()).matches(trades.topic("ETHUSD")))
                .isTrue();
    }

    @Test
    void tellsItsTopicsAndTheirKeys() {
        assertThat(trades.matches("market_data.trade.BTCUSD")).isTrue();
        assertThat(trades.matches("market_data.bar.BTCUSD")).isFalse();
        assertThat(trades.key("market_data.trade.BTCUSD")).isEqualTo("BTCUSD");
        assertThatThrownBy(() -> trades.key("market_data.bar.BTCUSD")).hasMessageContaining("market_data.trade.*");
    }

    @Test
    void aPrefixEndsWithADotAndHasNoWildcard() {
        assertThatThrownBy(() -> new TopicFamily("market_data.trade")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicFamily("market_data.*.")).isInstanceOf(IllegalArgumentException.class);
    }
}

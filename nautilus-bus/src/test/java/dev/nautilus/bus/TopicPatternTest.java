package dev.nautilus.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPatternTest {

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // exact topics
                "market_data.trade.BTCUSD | market_data.trade.BTCUSD | true",
                "market_data.trade.BTCUSD | market_data.trade.BTCUSDT | false",
                "market_data.trade.BTCUSD | market_data.trade.BTCUS | false",
                "a | a | true",
                "a | b | false",
                // '*' matches any run, dots included, and the empty run
                "market_data.* | market_data.trade.BTCUSD | true",
                "market_data.* | market_data.bar | true",
                "market_data.* | market_data | false",
                "market_data* | market_data | true",
                "market_data* | market_data_v2.x | true",
                "market_data.* | market_datax.trade | false",
                "* | anything.at.all | true",
                "* | x | true",
                "*.BTCUSD | market_data.trade.BTCUSD | true",
                "*.BTCUSD | market_data.trade.ETHUSD | false",
                // several stars
                "*.signal.* | strategy.signal.ma_cross | true",
                "*.signal.* | strategy.signals.ma_cross | false",
                "*.*.* | a.b.c | true",
                "*.*.* | a.b | false",
                "a*b*c | abc | true",
                "a*b*c | axxbyyc | true",
                "a*b*c | axxbyy | false",
                "a*b*c | aXbXcXbXc | true",
                "** | a.b | true",
                "risk.**.breach | risk.alert.var.breach | true",
                // '?' matches exactly one character, at the ends too
                "?isk.alert | risk.alert | true",
                "risk.aler? | risk.alert | true",
                "risk.aler? | risk.aler | false",
                "risk.aler? | risk.alerts | false",
                "? | a | true",
                "? | ab | false",
                "?? | ab | true",
                "market_data.?.X | market_data...X | true",
                "price.update.BTC??? | price.update.BTCUSD | true",
                "price.update.BTC??? | price.update.BTCUS | false",
                // '?' matches a dot, '*' then '?' combinations
                "a?b | a.b | true",
                "*? | a | true",
                "*? | x.y | true",
                "?* | a | true",
                "*?* | '' | false",
                // empty segments in patterns match literally
                "a..b | a..b | true",
                "a..b | a.b | false",
                "a.*.b | a..b | true",
                "vpin.* | vpin. | true",
            })
    void matchesLikeNautilusTrader(String pattern, String topic, boolean expected) {
        assertThat(TopicPattern.compile(pattern).matches(topic)).isEqualTo(expected);
    }

    @Test
    void rejectsEmptyAndWhitespacePatterns() {
        assertThatThrownBy(() -> TopicPattern.compile("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TopicPattern.compile("risk. *")).hasMessageContaining("whitespace");
    }

    @Test
    void longPathologicalGlobStaysFast() {
        String topic = "a".repeat(10_000);
        TopicPattern pattern = TopicPattern.compile("*a*a*a*a*a*a*a*b");
        long start = System.nanoTime();
        assertThat(pattern.matches(topic)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void topicsRejectEmptySegmentsWildcardsAndWhitespace() {
        assertThat(Topics.isValid("market_data.trade.BTCUSD")).isTrue();
        assertThat(Topics.isValid("_reply.risk.risk-1")).isTrue();
        assertThatThrownBy(() -> Topics.requireValid("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Topics.requireValid(".a")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> Topics.requireValid("a..b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> Topics.requireValid("a.")).hasMessageContaining("ends with a dot");
        assertThatThrownBy(() -> Topics.requireValid("a.*")).hasMessageContaining("wildcard");
        assertThatThrownBy(() -> Topics.requireValid("a b")).hasMessageContaining("whitespace");
    }
}

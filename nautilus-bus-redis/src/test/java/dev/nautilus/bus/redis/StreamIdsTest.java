package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamIdsTest {

    @Test
    void idsCompareAsNumbersNotAsText() {
        assertThat(StreamIds.compare("9-0", "10-0")).isNegative();
        assertThat(StreamIds.compare("10-2", "10-10")).isNegative();
        assertThat(StreamIds.compare("10", "10-0")).isZero();
        assertThat(StreamIds.compare("18446744073709551615-0", "1-0")).isPositive();
    }

    @Test
    void theIdBeforeAnIdIsTheLargestSmallerOne() {
        assertThat(StreamIds.before("10-3")).isEqualTo("10-2");
        assertThat(StreamIds.before("10-0")).isEqualTo("9-18446744073709551615");
        assertThat(StreamIds.before("0-0")).isEqualTo("0-0");
        assertThat(StreamIds.compare(StreamIds.before("10-0"), "10-0")).isNegative();
    }

    @Test
    void aTextThatIsNoIdIsRefused() {
        assertThatThrownBy(() -> StreamIds.compare("abc", "1-0")).isInstanceOf(NumberFormatException.class);
    }
}

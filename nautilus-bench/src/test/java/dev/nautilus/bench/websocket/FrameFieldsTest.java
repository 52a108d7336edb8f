package dev.nautilus.bench.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load generator's field reader against values worked out independently (BigDecimal, by hand). */
class FrameFieldsTest {

    private static ByteBuf frame(String json) {
        return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    }

    private static long micros(String seconds) {
        return new BigDecimal(seconds).movePointRight(6).longValueExact();
    }

    @Test
    void readsTheTimestampOfAMessageFrameInMicroseconds() {
        for (String ts :
                new String[] {"1700000000.123456", "1700000000.000001", "1700000000.5", "1700000000", "1.000000"}) {
            ByteBuf frame =
                    frame("{\"type\":\"message\",\"topic\":\"price.update.X1\",\"message_type\":\"price_update\","
                            + "\"priority\":\"normal\",\"source_engine\":\"marketdata\",\"timestamp\":" + ts
                            + ",\"id\":\"a\",\"payload\":{\"timestamp\":7}}");
            assertThat(FrameFields.startsWith(frame, FrameFields.MESSAGE)).isTrue();
            assertThat(FrameFields.timestampMicros(frame)).as(ts).isEqualTo(micros(ts));
        }
    }

    @Test
    void extraDigitsAreTruncatedAndAFrameWithoutTimestampSaysSo() {
        assertThat(FrameFields.timestampMicros(frame("{\"timestamp\":12.3456789}")))
                .isEqualTo(12_345_678L);
        assertThat(FrameFields.timestampMicros(frame("{\"type\":\"pong\"}"))).isEqualTo(-1);
    }

    @Test
    void recognisesFrameTypesAndReadsADroppedCount() {
        ByteBuf dropped = frame("{\"type\":\"dropped\",\"count\":4096}");
        assertThat(FrameFields.startsWith(dropped, FrameFields.DROPPED)).isTrue();
        assertThat(FrameFields.startsWith(dropped, FrameFields.MESSAGE)).isFalse();
        assertThat(FrameFields.wholeNumber(dropped, FrameFields.DROPPED.length)).isEqualTo(4096);
        assertThat(FrameFields.startsWith(
                        frame("{\"type\":\"subscribed\",\"patterns\":[\"a\"]}"), FrameFields.SUBSCRIBED))
                .isTrue();
        assertThat(FrameFields.startsWith(frame("{\"ty"), FrameFields.MESSAGE)).isFalse();
    }
}

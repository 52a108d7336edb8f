package dev.nautilus.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedLogTest {

    @Test
    void keepsTheNewestEntriesUpToItsCapacity() {
        BoundedLog<Integer> log = new BoundedLog<>(3);
        for (int i = 1; i <= 5; i++) {
            log.add(i);
        }
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.newest(2)).containsExactly(5, 4);
        assertThat(log.newest(10)).containsExactly(5, 4, 3);
        assertThat(log.latestInOrder(2)).containsExactly(4, 5);
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new BoundedLog<>(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}

package dev.nautilus.engines.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rolling window gives, at every step, exactly the figures a sort of the whole window gives. */
class ReturnWindowTest {

    @Test
    void everyStepMatchesTheSortedWindowBitForBit() {
        Random random = new Random(42);
        int capacity = 50;
        ReturnWindow window = new ReturnWindow(capacity);
        ArrayDeque<Double> reference = new ArrayDeque<>();
        for (int step = 0; step < 800; step++) {
            // ties, zeros of both signs and outliers, which a sorted window must order as Arrays.sort does
            double value = switch (random.nextInt(6)) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> Math.round(random.nextGaussian() * 100) / 10_000.0;
                case 3 -> random.nextGaussian() * 0.5;
                default -> random.nextGaussian() * 0.01;
            };
            window.add(value);
            reference.addLast(value);
            if (reference.size() > capacity) {
                reference.removeFirst();
            }
            double[] returns =
                    reference.stream().mapToDouble(Double::doubleValue).toArray();
            assertThat(window.size()).isEqualTo(returns.length);
            assertThat(window.returns()).containsExactly(returns);
            if (returns.length >= 2) {
                for (double confidence : new double[] {0.95, 0.99}) {
                    RiskEstimate sorted = ValueAtRisk.historical(returns, confidence);
                    RiskEstimate rolling =
                            ValueAtRisk.historicalOfSortedLosses(window.sortedLosses(), window.size(), confidence);
                    assertThat(rolling).as("step %d at %s", step, confidence).isEqualTo(sorted);
                }
            }
        }
    }

    @Test
    void aNonFiniteReturnIsRefused() {
        ReturnWindow window = new ReturnWindow(10);
        assertThatThrownBy(() -> window.add(Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> window.add(Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
        assertThat(window.size()).isZero();
    }
}

package dev.nautilus.engines.vpin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeBucketerTest {

    @Test
    void splitsSlicesAcrossBucketBoundaries() {
        VolumeBucketer b = new VolumeBucketer(10);
        assertThat(b.add(1, 4, 1.0)).isEmpty();
        List<VolumeBucket> done = b.add(2, 25, 0.2);
        // bucket 0: 4 (all buy) + 6 of the 25 at 20% buy → buy = 4 + 1.2 = 5.2
        // bucket 1: 10 of the 25 → buy 2.0; 9 left open
        assertThat(done).hasSize(2);
        assertThat(done.get(0).sequence()).isZero();
        assertThat(done.get(0).startMicros()).isEqualTo(1);
        assertThat(done.get(0).endMicros()).isEqualTo(2);
        assertThat(done.get(0).buyVolume()).isCloseTo(5.2, within(1e-12));
        assertThat(done.get(0).sellVolume()).isCloseTo(4.8, within(1e-12));
        assertThat(done.get(0).orderImbalance()).isCloseTo(0.4, within(1e-12));
        assertThat(done.get(1).buyVolume()).isCloseTo(2.0, within(1e-12));
        assertThat(done.get(1).orderImbalance()).isCloseTo(6.0, within(1e-12));
        assertThat(b.openBucketVolume()).isCloseTo(9, within(1e-12));
        // bucket 2: 9 at 20% + 1 at 50% → buy = 1.8 + 0.5 = 2.3
        List<VolumeBucket> last = b.add(3, 1, 0.5);
        assertThat(last).singleElement().satisfies(x -> {
            assertThat(x.buyVolume()).isCloseTo(2.3, within(1e-12));
            assertThat(x.startMicros()).isEqualTo(2);
            assertThat(x.endMicros()).isEqualTo(3);
        });
        assertThat(b.completedBuckets()).isEqualTo(3);
    }

    @Test
    void zeroVolumeDoesNothingAndSizeChangesApplyToTheNextBucket() {
        VolumeBucketer b = new VolumeBucketer(10);
        assertThat(b.add(1, 0, 0.5)).isEmpty();
        assertThat(b.completedBuckets()).isZero();
        b.add(1, 5, 0.5);
        b.setBucketVolume(4);
        assertThat(b.currentBucketVolume()).isEqualTo(10); // the open bucket keeps its size
        List<VolumeBucket> done = b.add(2, 9, 0.5); // 5 closes bucket 0 (10), 4 fills bucket 1 (4)
        assertThat(done).extracting(VolumeBucket::volume).containsExactly(10.0, 4.0);
    }

    @Test
    void roundingDustDoesNotLeaveABucketOpen() {
        VolumeBucketer b = new VolumeBucketer(0.3);
        assertThat(b.add(1, 0.1, 0.5)).isEmpty();
        assertThat(b.add(2, 0.2, 0.5)).hasSize(1); // 0.1 + 0.2 != 0.3 in binary, still one full bucket
        assertThat(b.openBucketVolume()).isZero();
    }

    @Test
    void validatesInput() {
        VolumeBucketer b = new VolumeBucketer(1);
        assertThatThrownBy(() -> b.add(1, -1, 0.5)).hasMessageContaining("volume");
        assertThatThrownBy(() -> b.add(1, 1, 1.5)).hasMessageContaining("buyFraction");
        assertThatThrownBy(() -> b.add(1, 1, Double.NaN)).hasMessageContaining("buyFraction");
        assertThatThrownBy(() -> new VolumeBucketer(0)).hasMessageContaining("bucketVolume");
    }

    @Test
    void vpinWindowAveragesImbalanceOverVolume() {
        VpinWindow w = new VpinWindow(2);
        assertThat(w.vpin()).isNaN();
        w.add(new VolumeBucket(0, 0, 1, 10, 5.2)); // OI 0.4
        assertThat(w.isFull()).isFalse();
        w.add(new VolumeBucket(1, 1, 2, 10, 2.0)); // OI 6
        assertThat(w.vpin()).isCloseTo(6.4 / 20, within(1e-12));
        w.add(new VolumeBucket(2, 2, 3, 10, 2.3)); // OI |2.3 - 7.7| = 5.4; window {6, 5.4}
        assertThat(w.vpin()).isCloseTo(11.4 / 20, within(1e-12));
    }
}

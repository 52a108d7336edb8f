package dev.nautilus.app.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Comparing the output series of a partitioned run (by topic, in arrival order) with a reference run's. */
final class PartitionedSeries {

    private PartitionedSeries() {}

    /** The series of every topic equal to the reference's; on a difference, where the first one is. */
    static void assertSame(Map<String, List<String>> reference, Map<String, List<String>> series) {
        List<String> differences = new ArrayList<>();
        for (String topic : reference.keySet()) {
            List<String> expected = reference.get(topic);
            List<String> actual = series.getOrDefault(topic, List.of());
            if (!expected.equals(actual)) {
                int i = 0;
                while (i < Math.min(expected.size(), actual.size())
                        && expected.get(i).equals(actual.get(i))) {
                    i++;
                }
                differences.add(topic + ": " + actual.size() + " outputs, expected " + expected.size()
                        + "; first difference at " + i + ": "
                        + (i < actual.size() ? actual.get(i) : "-") + " instead of "
                        + (i < expected.size() ? expected.get(i) : "-"));
            }
        }
        assertThat(series.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
        assertThat(differences).isEmpty();
    }

    /**
     * Each series without the figures that came again (outputs of inputs a crashed instance handled
     * but never acknowledged come twice: at least once).
     */
    static Map<String, List<String>> withoutRepeats(Map<String, List<String>> series) {
        Map<String, List<String>> distinct = new LinkedHashMap<>();
        series.forEach((topic, outputs) ->
                distinct.put(topic, outputs.stream().distinct().toList()));
        return distinct;
    }

    /** How many figures came again. */
    static long repeats(Map<String, List<String>> series) {
        return series.values().stream()
                .mapToLong(
                        outputs -> outputs.size() - outputs.stream().distinct().count())
                .sum();
    }
}

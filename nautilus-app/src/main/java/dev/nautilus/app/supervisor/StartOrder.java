package dev.nautilus.app.supervisor;

import dev.nautilus.bus.TopicPattern;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data-flow order of engines, from the engine matrix: an engine comes after every engine whose
 * publications its subscriptions match. Processes start in reverse (consumers first, so their groups exist before
 * anything is published to them: a new group starts at new messages) and stop in this order (producers
 * first, so what they published is drained by the consumers still running). Cycles (risk ↔ portfolio
 * through their updates) are broken by the matrix's own order.
 */
final class StartOrder {

    private StartOrder() {}

    /** {@code names} upstream first. */
    static List<String> upstreamFirst(Collection<String> names) {
        List<String> remaining = new ArrayList<>(names);
        List<String> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String next = remaining.stream()
                    .filter(n -> upstreamOf(n, remaining).isEmpty())
                    .findFirst()
                    .orElse(remaining.getFirst()); // a cycle: take the first in the given order
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    private static Set<String> upstreamOf(String name, List<String> among) {
        Set<String> upstream = new LinkedHashSet<>();
        List<TopicPattern> reads = wiring(name)
                .map(w -> w.subscriptions().stream().map(TopicPattern::compile).toList())
                .orElse(List.of());
        for (String other : among) {
            if (!other.equals(name)
                    && wiring(other).stream()
                            .flatMap(w -> w.publications().stream())
                            .map(StartOrder::sampleTopic)
                            .anyMatch(topic -> reads.stream().anyMatch(p -> p.matches(topic)))) {
                upstream.add(other);
            }
        }
        return upstream;
    }

    /** A topic a publication pattern produces: its wildcards filled in. */
    private static String sampleTopic(String publication) {
        return publication.replace("*", "x").replace("?", "x");
    }

    private static Optional<EngineWiring> wiring(String name) {
        return EngineMatrix.all().stream().filter(w -> w.name().equals(name)).findFirst();
    }
}

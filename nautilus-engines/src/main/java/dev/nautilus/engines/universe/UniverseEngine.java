package dev.nautilus.engines.universe;

import dev.nautilus.bus.Message;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.host.EngineContext;
import dev.nautilus.engines.host.PatientPublisher;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;

/**
 * An engine that models universes cross-section by cross-section: it turns the hub's market-data
 * stream into {@link CrossSection}s ({@link UniverseFeed}) and hands each to the model of its
 * universe, created on the universe's first cross-section. Cross-sections handled are counted in
 * {@code nautilus.universe.cross_sections}.
 *
 * @param <M> the per-universe model
 */
public abstract class UniverseEngine<M> implements Engine {

    private final UniverseFeed feed = new UniverseFeed();
    private final Map<String, M> models = new HashMap<>();
    private PatientPublisher publisher;
    private Counter sections;

    /** A new model of {@code universe}. */
    protected abstract M newModel(String universe);

    /**
     * Handles one cross-section of the model's universe.
     *
     * @param universeSize members of the universe
     * @param publisher    where to publish results
     */
    protected abstract void onCrossSection(M model, CrossSection section, int universeSize, PatientPublisher publisher);

    @Override
    public void onStart(EngineContext context) {
        publisher = context.publisher();
        sections = Counter.builder("nautilus.universe.cross_sections")
                .description("Universe cross-sections published")
                .tag("engine", name())
                .register(context.meters());
    }

    @Override
    public final void onMessage(Message message) {
        for (CrossSection section : feed.onMessage(message)) {
            onCrossSection(
                    models.computeIfAbsent(section.universe(), this::newModel),
                    section,
                    feed.memberCount(section.universe()),
                    publisher);
            sections.increment();
        }
    }
}

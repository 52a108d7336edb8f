package dev.nautilus.app.supervisor;

import dev.nautilus.app.config.NautilusConfig;
import java.util.Map;

/** The deployment's own command line for one engine, for tests that supervise it without the API. */
final class EngineSpecs {

    private EngineSpecs() {}

    static ChildSpec of(NautilusConfig config, ProcessDeployment.Options options, String engine) {
        return ProcessDeployment.specs(
                        config,
                        options,
                        Map.of("NAUTILUS_API_TOKEN", config.http().tokens().admin()))
                .stream()
                .filter(spec -> spec.name().equals(engine))
                .findFirst()
                .orElseThrow();
    }
}

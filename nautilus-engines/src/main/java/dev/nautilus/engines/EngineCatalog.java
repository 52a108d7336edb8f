package dev.nautilus.engines;

import dev.nautilus.engines.features.FeatureConfig;
import dev.nautilus.engines.features.FeaturesEngine;
import dev.nautilus.engines.host.Engine;
import dev.nautilus.engines.marketdata.TradeLoad;
import dev.nautilus.engines.marketdata.MarketDataHub;
import dev.nautilus.engines.vpin.VpinBuckets;
import dev.nautilus.engines.vpin.VpinConfig;
import dev.nautilus.engines.vpin.VpinEngine;
import java.util.List;

/**
 * The engines this build can run, by name, built with their default settings. The order of
 * {@link #ALL} is start order: consumers first, the MarketData hub (the source) last, so nothing it
 * publishes precedes its subscribers.
 */
public final class EngineCatalog {

    /** Every engine name, in start order. */
    public static final List<String> ALL = List.of("features", "vpin", "marketdata");

    private EngineCatalog() {
    }

    /**
     * Builds one engine.
     *
     * @param recording   the trades the hub replays (and VPIN sizes its buckets from)
     * @param replaySpeed the hub's replay speed, 0 for as fast as possible
     * @throws IllegalArgumentException naming the known engines, for an unknown name
     */
    public static Engine create(String name, TradeLoad recording, double replaySpeed) {
        return switch (name) {
            case "features" -> new FeaturesEngine(FeatureConfig.defaults());
            case "vpin" -> {
                double bucketVolume = VpinBuckets.paperBucketVolume(recording.trades());
                yield new VpinEngine(instrument -> VpinConfig.paper(bucketVolume));
            }
            case "marketdata" -> new MarketDataHub(recording, replaySpeed);
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'; this build runs " + ALL
                    + " (the other engines of the seed land with later issues)");
        };
    }
}

package dev.nautilus.engines.collateral;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which rates apply to which instrument: an instrument's own rates if set, else its asset class's,
 * else the default. Built once, then immutable.
 */
public final class MarginSchedule {

    private final MarginRates defaultRates;
    private final Map<String, MarginRates> byInstrument;
    private final Map<String, MarginRates> byAssetClass;
    private final Map<String, String> assetClassOf;

    private MarginSchedule(Builder b) {
        this.defaultRates = b.defaultRates;
        this.byInstrument = Map.copyOf(b.byInstrument);
        this.byAssetClass = Map.copyOf(b.byAssetClass);
        this.assetClassOf = Map.copyOf(b.assetClassOf);
    }

    /** A builder with {@code defaultRates} for anything not configured. */
    public static Builder builder(MarginRates defaultRates) {
        return new Builder(defaultRates);
    }

    /** Rates for {@code instrument}. */
    public MarginRates ratesFor(String instrument) {
        MarginRates own = byInstrument.get(instrument);
        if (own != null) {
            return own;
        }
        String assetClass = assetClassOf.get(instrument);
        MarginRates cls = assetClass == null ? null : byAssetClass.get(assetClass);
        return cls != null ? cls : defaultRates;
    }

    /** Builder. */
    public static final class Builder {
        private final MarginRates defaultRates;
        private final Map<String, MarginRates> byInstrument = new HashMap<>();
        private final Map<String, MarginRates> byAssetClass = new HashMap<>();
        private final Map<String, String> assetClassOf = new HashMap<>();

        private Builder(MarginRates defaultRates) {
            this.defaultRates = Objects.requireNonNull(defaultRates, "defaultRates");
        }

        /** Rates for one instrument, overriding its class. */
        public Builder instrument(String instrument, MarginRates rates) {
            byInstrument.put(Objects.requireNonNull(instrument, "instrument"), Objects.requireNonNull(rates, "rates"));
            return this;
        }

        /** Rates for an asset class, e.g. {@code crypto}. */
        public Builder assetClass(String assetClass, MarginRates rates) {
            byAssetClass.put(Objects.requireNonNull(assetClass, "assetClass"), Objects.requireNonNull(rates, "rates"));
            return this;
        }

        /** Puts {@code instrument} in {@code assetClass}. */
        public Builder classify(String instrument, String assetClass) {
            assetClassOf.put(
                    Objects.requireNonNull(instrument, "instrument"), Objects.requireNonNull(assetClass, "assetClass"));
            return this;
        }

        /** The schedule. */
        public MarginSchedule build() {
            return new MarginSchedule(this);
        }
    }
}

package dev.nautilus.bus;

import java.util.Locale;

/**
 * Every kind of message the engines exchange, each with the bus it travels on by default.
 * Adding a type is one line here; {@link RoutingTable} reads the default bus from this table.
 */
public enum MessageType {
    MARKET_DATA(Bus.MARKETDATA),
    PRICE_UPDATE(Bus.MARKETDATA),
    TRADE_EXECUTION(Bus.MARKETDATA),
    VPIN_CALCULATION(Bus.ENGINE_LOGIC),
    RISK_METRIC(Bus.ENGINE_LOGIC),
    ML_PREDICTION(Bus.ENGINE_LOGIC),
    FACTOR_CALCULATION(Bus.ENGINE_LOGIC),
    FEATURE_CALCULATION(Bus.ENGINE_LOGIC),
    ANALYTICS_RESULT(Bus.ENGINE_LOGIC),
    STRATEGY_SIGNAL(Bus.ENGINE_LOGIC),
    PORTFOLIO_UPDATE(Bus.ENGINE_LOGIC),
    COLLATERAL_UPDATE(Bus.ENGINE_LOGIC),
    ENGINE_HEALTH(Bus.ENGINE_LOGIC),
    PERFORMANCE_METRIC(Bus.ENGINE_LOGIC),
    SYSTEM_COORDINATION(Bus.ENGINE_LOGIC);

    private static final MessageType[] VALUES = values();

    private final Bus defaultBus;
    private final String wireName;

    MessageType(Bus defaultBus) {
        this.defaultBus = defaultBus;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    /** The bus this type travels on unless the routing table is configured otherwise. */
    public Bus defaultBus() {
        return defaultBus;
    }

    /** The seed's wire form: the lower-case name, e.g. {@code price_update}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses the wire form (or the constant name), case-insensitively.
     *
     * @throws IllegalArgumentException naming the unknown value
     */
    public static MessageType fromWire(String value) {
        if (value != null) {
            for (MessageType type : VALUES) {
                if (type.wireName.equalsIgnoreCase(value)) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown message type " + Printable.of(value));
    }
}

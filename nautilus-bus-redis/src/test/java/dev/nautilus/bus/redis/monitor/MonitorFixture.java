package dev.nautilus.bus.redis.monitor;

import dev.nautilus.testkit.RedisServer;

/**
 * Known bus state written to a real Redis, so tests can assert exact figures: streams with consumer
 * groups, entries read and left pending, a priority lane, dead letters, and keys the monitor must not list.
 */
final class MonitorFixture {

    static final String RISK_STREAM = "nautilus:engine_logic:risk_metric";
    static final String URGENT_LANE = "nautilus:engine_logic:risk_metric:urgent";
    static final String PRICE_STREAM = "nautilus:marketdata:price_update";
    static final String ENGINE_LOGIC_DEAD = "nautilus:engine_logic:dead";
    static final String MARKETDATA_DEAD = "nautilus:marketdata:dead";

    /** Entries in {@link #RISK_STREAM}. */
    static final int RISK_ENTRIES = 10;
    /** Entries the {@code risk} group read; one of them is acknowledged. */
    static final int RISK_READ = 4;

    static final int RISK_PENDING = RISK_READ - 1;

    private MonitorFixture() {}

    /** Writes the state with the test's own protocol client, not the code under test. */
    static void write(RedisServer redis) {
        redis.command("XGROUP", "CREATE", RISK_STREAM, "risk", "0", "MKSTREAM");
        redis.command("XGROUP", "CREATE", RISK_STREAM, "portfolio", "0", "MKSTREAM");
        for (int i = 0; i < RISK_ENTRIES; i++) {
            redis.command(
                    "XADD", RISK_STREAM, (i + 1) + "-0", "message_type", "risk_metric", "payload", "{\"i\":" + i + "}");
        }
        String read = redis.command(
                "XREADGROUP",
                "GROUP",
                "risk",
                "risk-1",
                "COUNT",
                String.valueOf(RISK_READ),
                "STREAMS",
                RISK_STREAM,
                ">");
        if (!read.contains(RISK_READ + "-0")) {
            throw new IllegalStateException("fixture XREADGROUP did not read " + RISK_READ + " entries: " + read);
        }
        redis.command("XACK", RISK_STREAM, "risk", "1-0");
        redis.command("XADD", URGENT_LANE, "*", "message_type", "risk_metric");
        redis.command("XADD", URGENT_LANE, "*", "message_type", "risk_metric");
        redis.command("XGROUP", "CREATE", PRICE_STREAM, "features", "$", "MKSTREAM");
        for (int i = 0; i < 3; i++) {
            redis.command("XADD", ENGINE_LOGIC_DEAD, "*", "reason", "handler failed " + i);
        }
        redis.command("XADD", MARKETDATA_DEAD, "*", "reason", "malformed envelope");
        // Not the monitor's business: outside the prefix, or not a stream.
        redis.command("XADD", "legacy:orders", "*", "a", "1");
        redis.command("SET", "nautilus:engine_logic:config", "x");
    }
}

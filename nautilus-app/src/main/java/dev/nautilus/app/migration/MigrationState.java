package dev.nautilus.app.migration;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of a migration, on the Engine Logic bus's Redis (which stays after it): the
 * hash {@code <prefix>:migration} (field {@code engine:<name>} → {@code single}, {@code moving} or
 * {@code dual}; {@code finished} → when) and the list {@code <prefix>:migration:log}, one line per
 * step. A tool restarted mid-migration reads where each engine is from here.
 */
final class MigrationState {

    /** Said of an engine while a step moves it: it must not start on either layout yet. */
    static final String MOVING = "moving";

    private final RedisCommands<String, String> redis;
    private final String hash;
    private final String log;

    MigrationState(RedisCommands<String, String> redis, String prefix) {
        this.redis = redis;
        this.hash = prefix + ":migration";
        this.log = prefix + ":migration:log";
    }

    /** Where the engine is; {@code single} until a step moved it. */
    String layoutOf(String engine) {
        String value = redis.hget(hash, "engine:" + engine);
        return value == null ? Layout.SINGLE.key() : value;
    }

    void set(String engine, String layout) {
        redis.hset(hash, "engine:" + engine, layout);
    }

    void append(String line) {
        redis.rpush(log, Instant.now() + " " + line);
    }

    List<String> log() {
        return redis.lrange(log, 0, -1);
    }

    void finish() {
        redis.hset(hash, "finished", Instant.now().toString());
    }

    Optional<String> finished() {
        return Optional.ofNullable(redis.hget(hash, "finished"));
    }
}

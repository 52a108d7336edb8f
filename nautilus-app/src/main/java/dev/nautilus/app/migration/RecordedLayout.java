package dev.nautilus.app.migration;

import dev.nautilus.bus.Redaction;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/**
 * The layout the migration's record gives an engine, for a process started with
 * {@code bus.layout: migrating}: {@code single} until a step moved it, {@code dual} after. While a
 * step is moving it ({@code moving}) the process waits, so that a supervisor restarting the engine
 * at once after it was stopped does not bring it back on the layout it is leaving.
 */
public final class RecordedLayout {

    /** The role in the name of the connection a process waits on ({@code nautilus:<engine>:engine_logic:layout}). */
    public static final String ROLE = "layout";

    private RecordedLayout() {}

    /**
     * Reads the engine's layout, waiting up to {@code wait} while it is being moved.
     *
     * @param engineLogicUrl the Engine Logic bus's Redis, which keeps the record
     * @throws IllegalStateException when the step does not end in time
     */
    public static Layout of(String engineLogicUrl, String prefix, String engine, Duration wait) {
        RedisClient client = RedisClient.create();
        try {
            RedisURI uri = RedisURI.create(engineLogicUrl);
            uri.setClientName("nautilus:" + engine + ":engine_logic:" + ROLE);
            try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
                MigrationState state = new MigrationState(connection.sync(), prefix);
                long deadline = System.nanoTime() + wait.toNanos();
                for (String layout = state.layoutOf(engine); ; layout = state.layoutOf(engine)) {
                    if (!layout.equals(MigrationState.MOVING)) {
                        return Layout.of(layout);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "engine " + engine + " is still being moved by `nautilus migrate step`" + " after "
                                        + wait.toSeconds() + " s");
                    }
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the migration of " + engine, e);
        } catch (io.lettuce.core.RedisException e) {
            throw new IllegalStateException(
                    "cannot read the migration record at " + Redaction.url(engineLogicUrl) + ": " + e.getMessage(), e);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}

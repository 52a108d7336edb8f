package dev.nautilus.store;

import dev.nautilus.store.model.SideCode;
import dev.nautilus.store.model.TradeRow;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process for {@link KillDuringIngestTest}: ingests synthetic trades as fast as it can and
 * prints {@code ACK <n>} after every commit, so the parent knows what is durable when it kills us.
 *
 * <p>Arguments: {@code postgres <schema> <rows>} or {@code duckdb <dir> <rows>}.
 */
public final class IngestChild {

    static final String SYMBOL = "KILL";
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private IngestChild() {}

    public static void main(String[] args) {
        String kind = args[0];
        long rows = Long.parseLong(args[2]);
        StoreConfig config =
                kind.equals("postgres") ? TestDatabase.postgres(args[1]) : TestDatabase.duckdb(Path.of(args[1]));
        PrintStream out = System.out;
        Store store = Stores.open(config.withBatchSize(2_000));
        store.ingest().onCommit(total -> {
            // Printed only after the commit returned: every number seen by the parent is durable.
            out.println("ACK " + total);
            out.flush();
        });
        out.println("READY");
        out.flush();
        for (long i = 0; i < rows; i++) {
            store.ingest().submit(trade(i));
        }
        store.close();
        out.println("DONE");
        out.flush();
    }

    static TradeRow trade(long i) {
        return new TradeRow(START.plusMillis(i), SYMBOL, i, 100 + (i % 1000) / 100.0, 1 + i % 10, SideCode.BUY);
    }
}

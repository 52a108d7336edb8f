package dev.nautilus.store.jdbc;

import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.table.TableSpec;
import dev.nautilus.store.table.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits a mixed batch into per-table lists, keeping submission order within each table. */
public final class BatchGrouping {

    private BatchGrouping() {}

    public static Map<TableSpec<?>, List<StoredRecord>> byTable(List<StoredRecord> batch) {
        Map<TableSpec<?>, List<StoredRecord>> groups = new LinkedHashMap<>();
        for (StoredRecord record : batch) {
            groups.computeIfAbsent(Tables.of(record), t -> new ArrayList<>()).add(record);
        }
        return groups;
    }
}

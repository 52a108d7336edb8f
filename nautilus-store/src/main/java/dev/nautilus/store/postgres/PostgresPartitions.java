package dev.nautilus.store.postgres;

import dev.nautilus.store.model.StoredRecord;
import dev.nautilus.store.table.TableSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one-day range partitions on demand, for the days a batch is about to write, before the
 * write transaction starts (so a failed write never leaves a cached partition that does not exist).
 * Rows for a day whose partition cannot be created (because the DEFAULT partition already holds rows
 * of that day) still land in the DEFAULT partition; nothing is refused.
 *
 * <p>The DDL text is built from fixed table names and formatted dates only, never from input.
 */
final class PostgresPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String DUPLICATE_TABLE = "42P07";
    private static final String CHECK_VIOLATION = "23514";

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** Ensures a partition exists for every UTC day in {@code rows}. Runs in autocommit mode. */
    void ensure(Connection connection, TableSpec<?> table, List<StoredRecord> rows) throws SQLException {
        Set<LocalDate> days = new TreeSet<>();
        long lastDay = Long.MIN_VALUE;
        for (StoredRecord row : rows) {
            long day = Math.floorDiv(row.ts().getEpochSecond(), 86_400L);
            if (day != lastDay) {
                days.add(LocalDate.ofEpochDay(day));
                lastDay = day;
            }
        }
        for (LocalDate day : days) {
            String key = table.name() + '/' + day;
            if (!known.contains(key)) {
                create(connection, table.name(), day);
                known.add(key);
            }
        }
    }

    private static void create(Connection connection, String table, LocalDate day) throws SQLException {
        String partition = table + "_p" + SUFFIX.format(day);
        String sql = "create table if not exists " + partition + " partition of " + table
                + " for values from ('" + day.atStartOfDay().atOffset(ZoneOffset.UTC) + "')"
                + " to ('" + day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC) + "')";
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            LOG.debug("Partition {} ready", partition);
        } catch (SQLException e) {
            if (DUPLICATE_TABLE.equals(e.getSQLState())) {
                return; // created concurrently by another writer: fine.
            }
            if (CHECK_VIOLATION.equals(e.getSQLState())) {
                LOG.warn("Rows of {} for {} are already in the default partition; new rows go there too", table, day);
                return;
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}

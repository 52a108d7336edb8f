package dev.nautilus.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a connection: commit on success, rollback on any failure, auto-commit restored. */
public final class Transactions {

    /** Work that writes through the connection. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    private Transactions() {}

    public static void inTransaction(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}

package dev.nautilus.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Hands out a connection for one query; the caller closes it (returns it to the pool). */
@FunctionalInterface
public interface ConnectionSource {

    Connection open() throws SQLException;
}

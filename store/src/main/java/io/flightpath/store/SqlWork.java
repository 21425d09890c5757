package io.flightpath.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection, inside a transaction that {@link Database} commits or rolls back. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}

package io.flightpath.legacy.rekey;

import io.flightpath.postflight.schema.KeyedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the server's catalog says of one legacy table's key column and key index: the facts the
 * schema steps observe before they act.
 *
 * @param hasColumn whether the key column exists
 * @param nullable  whether it admits NULL (false when it is missing)
 * @param indexed   whether the index of the record schema on it exists
 */
record TableShape(boolean hasColumn, boolean nullable, boolean indexed) {

    /** The key index's name in the record schema, e.g. ix_calls_shard_key. */
    static String indexName(KeyedTable table) {
        return "ix_" + table.name() + "_" + table.keyColumn();
    }

    static TableShape of(Connection c, KeyedTable table) throws SQLException {
        boolean hasColumn = false;
        boolean nullable = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT IS_NULLABLE FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table.name());
            ps.setString(2, table.keyColumn());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    hasColumn = true;
                    nullable = "YES".equals(rs.getString(1));
                }
            }
        }
        boolean indexed;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME = ? AND COLUMN_NAME = ? AND SEQ_IN_INDEX = 1")) {
            ps.setString(1, table.name());
            ps.setString(2, indexName(table));
            ps.setString(3, table.keyColumn());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                indexed = rs.getInt(1) > 0;
            }
        }
        return new TableShape(hasColumn, nullable, indexed);
    }
}

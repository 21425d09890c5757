package io.flightpath.split.replication;

import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.schema.KeyedTable;
import io.flightpath.postflight.schema.KeyedTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts and checksums the rows of a shard's keyed tables whose key lies inside (or outside) a
 * key range: one range scan on the key's index per table and range. Reads only.
 */
public final class RangeChecksum {
    private RangeChecksum() {
    }

    /** The rows of {@code server} inside {@code range}, read now. */
    public static Checksums inside(ShardServer server, KeyRange range) {
        return server.onDatabase("checksumming " + range, c -> of(c, server.keyedTables(), List.of(range)));
    }

    /** The rows of {@code server} outside {@code range} (what a target must end up without), read now. */
    public static Checksums outside(ShardServer server, KeyRange range) {
        return server.onDatabase("checksumming outside " + range, c -> of(c, server.keyedTables(), range.complement()));
    }

    /**
     * The rows of {@code keyed} in {@code ranges} as {@code connection} sees them, e.g. inside a
     * {@link Snapshot}; the connection's default database must be the shard database.
     */
    public static Checksums of(Connection connection, KeyedTables keyed, List<KeyRange> ranges) throws SQLException {
        List<TableChecksum> tables = new ArrayList<>();
        for (KeyedTable keyedTable : keyed.tables()) {
            String table = keyedTable.name();
            String content = contentExpression(connection, table);
            // CRC32 and CRC32C of the same text make one 64-bit hash; XOR makes the sum order-free
            String sql = "SELECT COUNT(*), BIT_XOR((CRC32(" + content + ") << 32) | CRC32C(" + content + ")) FROM "
                    + Sql.identifier(table) + " WHERE " + Sql.identifier(keyedTable.keyColumn()) + " BETWEEN ? AND ?";
            TableChecksum sum = new TableChecksum(table, 0, 0);
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (KeyRange range : ranges) {
                    Sql.setUnsigned(ps, 1, range.start());
                    Sql.setUnsigned(ps, 2, range.end());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sum = sum.plus(new TableChecksum(table, rs.getLong(1), Sql.getUnsigned(rs, 2)));
                    }
                }
            }
            tables.add(sum);
        }
        return new Checksums(tables);
    }

    /**
     * Checksums {@code range} on the source and on its replica as of one GTID position, while
     * writes go on: stops the replica, takes a consistent snapshot of the source and its
     * position, checksums the source inside it, lets the replica apply exactly up to that
     * position ({@link Replication#stopAt}), checksums it, and resumes replication, also when a
     * step fails. The replica lags for the time of both checksums.
     */
    public static PositionedChecksums atSamePosition(Replication replication, KeyRange range, Duration timeout) {
        replication.stop();
        PositionedChecksums result;
        try {
            result = stoppedAtSamePosition(replication, range, timeout);
        } catch (RuntimeException e) {
            try {
                replication.resume();
            } catch (RuntimeException resuming) {
                e.addSuppressed(resuming);
            }
            throw e;
        }
        replication.resume();
        return result;
    }

    private static PositionedChecksums stoppedAtSamePosition(Replication replication, KeyRange range, Duration timeout) {
        GtidPosition position;
        Checksums source;
        try (Snapshot snapshot = Snapshot.open(replication.source())) {
            position = snapshot.position();
            try {
                source = of(snapshot.connection(), replication.source().keyedTables(), List.of(range));
            } catch (SQLException e) {
                throw replication.source().failure("checksumming " + range + " at " + position, e);
            }
        }
        replication.stopAt(position, timeout);
        return new PositionedChecksums(range, position, source, inside(replication.target(), range));
    }

    private static String contentExpression(Connection c, String table) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME <> 'id' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // '\N' (as mysqldump writes NULL) keeps NULL apart from an empty string
                    parts.add("IFNULL(" + Sql.identifier(rs.getString(1)) + ", '\\\\N')");
                }
            }
        }
        if (parts.isEmpty()) {
            throw new SQLException("table " + table + " not found in the current database");
        }
        return "CONCAT_WS('|', " + String.join(", ", parts) + ")";
    }
}

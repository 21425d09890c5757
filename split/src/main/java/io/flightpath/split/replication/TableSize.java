package io.flightpath.split.replication;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The space one InnoDB table takes: InnoDB's estimates of data, index and free bytes
 * (information_schema.TABLES, refreshed by statistics, so they lag behind big deletes) and the
 * size of its .ibd file (information_schema.INNODB_SYS_TABLESPACES; the tables are
 * file-per-table), which is what a rebuild gives back.
 */
public record TableSize(String table, long dataBytes, long indexBytes, long freeBytes, long fileBytes) {

    /** Reads the size of {@code table} in {@code server}'s shard database. */
    public static TableSize of(ShardServer server, String table) {
        return server.onDatabase("reading the size of " + table, c -> {
            long data;
            long index;
            long free;
            try (PreparedStatement ps = c.prepareStatement("SELECT DATA_LENGTH, INDEX_LENGTH, DATA_FREE FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new java.sql.SQLException("no table " + table + " in " + server.database());
                    }
                    data = rs.getLong(1);
                    index = rs.getLong(2);
                    free = rs.getLong(3);
                }
            }
            long file = 0;
            // plain names map to 'database/table'; the split's tables have no characters InnoDB would encode
            try (PreparedStatement ps = c.prepareStatement("SELECT FILE_SIZE FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME = ?")) {
                ps.setString(1, server.database() + "/" + table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        file = rs.getLong(1);
                    }
                }
            }
            return new TableSize(table, data, index, free, file);
        });
    }

    /** Data plus index bytes, as InnoDB estimates them. */
    public long usedBytes() {
        return dataBytes + indexBytes;
    }
}

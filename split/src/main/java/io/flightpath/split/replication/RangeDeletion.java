package io.flightpath.split.replication;

import io.flightpath.store.Throttle;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.schema.KeyedTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Deletes the rows of a shard's keyed tables whose key lies inside (on the source) or outside
 * (on the target) a key range, in small batches with a pause after each, so that neither
 * traffic nor replicas suffer. The deletes stay out of the binlog ({@code sql_log_bin=0}): a
 * replica of this server keeps its rows, since each side deletes only what it no longer owns.
 * Idempotent: a rerun deletes what is left. Each batch is its own transaction.
 */
public final class RangeDeletion {
    public static final int DEFAULT_BATCH_ROWS = 1_000;

    private final ShardServer server;
    private final int batchRows;
    private final Throttle throttle;

    /** @param batchRows rows per DELETE, 1..10,000 */
    public RangeDeletion(ShardServer server, int batchRows, Throttle throttle) {
        if (batchRows < 1 || batchRows > 10_000) {
            throw FlightpathException.invalid("batch rows must be 1..10000, was %d", batchRows);
        }
        this.server = server;
        this.batchRows = batchRows;
        this.throttle = throttle;
    }

    /** Deletes every row inside {@code range}; returns how many it deleted. */
    public long deleteInside(KeyRange range, Consumer<DeletionProgress> progress) {
        return delete(List.of(range), progress);
    }

    /** Deletes every row outside {@code range}; returns how many it deleted. */
    public long deleteOutside(KeyRange range, Consumer<DeletionProgress> progress) {
        return delete(range.complement(), progress);
    }

    private long delete(List<KeyRange> ranges, Consumer<DeletionProgress> progress) {
        return server.onDatabase("deleting rows of " + ranges, c -> {
            try (Statement s = c.createStatement()) {
                // each side deletes what it no longer owns; a replica must not repeat it
                s.execute("SET SESSION sql_log_bin = 0");
            }
            long total = 0;
            for (KeyedTable table : server.keyedTables().tables()) {
                long counted = count(c, table, ranges);
                long deleted = 0;
                for (KeyRange range : ranges) {
                    deleted += deleteRange(c, table, range, counted, deleted, progress);
                }
                progress.accept(new DeletionProgress(table.name(), deleted, counted));
                total += deleted;
            }
            return total;
        });
    }

    private static long count(Connection c, KeyedTable table, List<KeyRange> ranges) throws SQLException {
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + Sql.identifier(table.name())
                + " WHERE " + Sql.identifier(table.keyColumn()) + " BETWEEN ? AND ?")) {
            for (KeyRange range : ranges) {
                Sql.setUnsigned(ps, 1, range.start());
                Sql.setUnsigned(ps, 2, range.end());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
        }
        return rows;
    }

    /**
     * Walks the range in (key, id) order on the key's index (which holds the id), so
     * that each batch starts where the last one ended instead of rescanning the deleted entries
     * that purge has not removed yet; then walks it again until a pass finds nothing, for rows
     * that arrived behind the cursor.
     */
    private long deleteRange(Connection c, KeyedTable table, KeyRange range, long counted, long before,
                             Consumer<DeletionProgress> progress) throws SQLException {
        String t = Sql.identifier(table.name());
        String k = Sql.identifier(table.keyColumn());
        String first = "SELECT " + k + ", id FROM " + t + " WHERE " + k + " BETWEEN ? AND ? ORDER BY " + k + ", id LIMIT " + batchRows;
        String next = "SELECT " + k + ", id FROM " + t + " WHERE " + k + " BETWEEN ? AND ? AND (" + k + " > ? OR (" + k + " = ? AND id > ?)) "
                + "ORDER BY " + k + ", id LIMIT " + batchRows;
        long deleted = 0;
        long pass;
        do {
            pass = 0;
            long lastKey = 0;
            BigDecimal lastId = null;
            while (true) {
                List<BigDecimal> ids = new ArrayList<>(batchRows);
                try (PreparedStatement ps = c.prepareStatement(lastId == null ? first : next)) {
                    Sql.setUnsigned(ps, 1, range.start());
                    Sql.setUnsigned(ps, 2, range.end());
                    if (lastId != null) {
                        Sql.setUnsigned(ps, 3, lastKey);
                        Sql.setUnsigned(ps, 4, lastKey);
                        ps.setBigDecimal(5, lastId);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            lastKey = Sql.getUnsigned(rs, 1);
                            lastId = rs.getBigDecimal(2);
                            ids.add(lastId);
                        }
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                pass += deleteIds(c, t, k, range, ids);
                progress.accept(new DeletionProgress(table.name(), before + deleted + pass, counted));
                throttle.sleepAfterBatch("deleting rows on " + server.name());
                if (ids.size() < batchRows) {
                    break;
                }
            }
            deleted += pass;
        } while (pass > 0);
        return deleted;
    }

    private static int deleteIds(Connection c, String table, String key, KeyRange range, List<BigDecimal> ids) throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE " + key + " BETWEEN ? AND ? AND id IN (" + "?,".repeat(ids.size() - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setUnsigned(ps, 1, range.start());
            Sql.setUnsigned(ps, 2, range.end());
            for (int i = 0; i < ids.size(); i++) {
                ps.setBigDecimal(3 + i, ids.get(i));
            }
            return ps.executeUpdate();
        }
    }
}

package io.flightpath.postflight.schema;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.core.sharding.KeyRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a post-flight shard enforces itself, whatever the maps of the node that writes to it say:
 * no write (and, from a node that cannot confirm its maps, no read) of a key range the shard has
 * given away, and ids from the shard's current AUTO_INCREMENT sequence. So a routing node cut off
 * from the control store can keep serving by the maps it holds: where they are stale the shard
 * refuses, as Vitess's source tablets refuse moved tables. Stateless; every method runs on the
 * caller's connection.
 */
public final class ShardFence {
    private ShardFence() {
    }

    /**
     * Call first in a write transaction on {@code shard}: locks the guard row in share mode (so a
     * move waits for this write, and this write for a move under way), fails UNAVAILABLE when one
     * of {@code keys} lies in a range the shard gave away, and brings the session's AUTO_INCREMENT
     * settings to the server's (a pooled connection keeps the values it was opened with).
     */
    public static void checkWrite(Connection c, String shard, Collection<Long> keys) throws SQLException {
        List<KeyRange> moved = new ArrayList<>();
        boolean sessionCurrent;
        try (PreparedStatement ps = c.prepareStatement("SELECT @@SESSION.auto_increment_increment = @@GLOBAL.auto_increment_increment"
                + " AND @@SESSION.auto_increment_offset = @@GLOBAL.auto_increment_offset, m.range_start, m.range_end"
                + " FROM moved_ranges_guard g LEFT JOIN moved_ranges m ON m.shard = ? WHERE g.id = 1 LOCK IN SHARE MODE")) {
            ps.setString(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw FlightpathException.internal("shard %s has no moved_ranges_guard row: its schema is incomplete", shard);
                }
                sessionCurrent = rs.getBoolean(1);
                do {
                    if (rs.getString(2) != null) {
                        moved.add(new KeyRange(Long.parseUnsignedLong(rs.getString(2)), Long.parseUnsignedLong(rs.getString(3))));
                    }
                } while (rs.next());
            }
        }
        refuseMoved(shard, moved, keys);
        if (!sessionCurrent) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION auto_increment_increment = @@GLOBAL.auto_increment_increment,"
                        + " auto_increment_offset = @@GLOBAL.auto_increment_offset");
            }
        }
    }

    /** Fails UNAVAILABLE when {@code key} lies in a range {@code shard} gave away; for a read already done. */
    public static void checkRead(Connection c, String shard, long key) throws SQLException {
        refuseMoved(shard, moved(c, shard), List.of(key));
    }

    /** The ranges {@code shard} has given away, as recorded on the connection's shard. */
    public static List<KeyRange> moved(Connection c, String shard) throws SQLException {
        List<KeyRange> moved = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT range_start, range_end FROM moved_ranges WHERE shard = ?")) {
            ps.setString(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    moved.add(new KeyRange(Long.parseUnsignedLong(rs.getString(1)), Long.parseUnsignedLong(rs.getString(2))));
                }
            }
        }
        return moved;
    }

    /**
     * How long a write may hold the guard before a move takes it for a stalled node's (a process
     * stopped or cut off in the middle of a write) and kills it; a write takes milliseconds.
     */
    public static final Duration STALLED_WRITE = Duration.ofSeconds(5);

    /**
     * Records, in its own transaction on {@code c} (a connection to {@code shard}, in auto-commit
     * mode), that {@code shard} gave {@code range} away; returns once every write that had checked
     * the ranges before has committed or been killed ({@link #STALLED_WRITE}). Idempotent.
     */
    public static void recordMove(Connection c, String shard, KeyRange range, Instant at) throws SQLException {
        recordMove(c, shard, range, at, STALLED_WRITE);
    }

    /**
     * As {@link #recordMove(Connection, String, KeyRange, Instant)}: when the guard stays locked
     * for {@code stalled}, the shard's write transactions older than that are killed (uncommitted,
     * they roll back, and their clients retry by newer maps) and the move tries again.
     */
    public static void recordMove(Connection c, String shard, KeyRange range, Instant at, Duration stalled) throws SQLException {
        inTransaction(c, stalled, () -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO moved_ranges (shard, range_start, range_end, moved_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, shard);
                ps.setString(2, Long.toUnsignedString(range.start()));
                ps.setString(3, Long.toUnsignedString(range.end()));
                ps.setObject(4, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.executeUpdate();
            }
        });
    }

    /** Undoes {@link #recordMove}, for a split rolled back before its writes moved. Idempotent. */
    public static void forgetMove(Connection c, String shard, KeyRange range) throws SQLException {
        inTransaction(c, STALLED_WRITE, () -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM moved_ranges WHERE shard = ? AND range_start = ? AND range_end = ?")) {
                ps.setString(1, shard);
                ps.setString(2, Long.toUnsignedString(range.start()));
                ps.setString(3, Long.toUnsignedString(range.end()));
                ps.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Change {
        void run() throws SQLException;
    }

    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int TRIES = 3;

    private static void inTransaction(Connection c, Duration stalled, Change change) throws SQLException {
        long seconds = Math.max(1, stalled.toSeconds()); // the server counts whole seconds
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = " + seconds);
        }
        for (int attempt = 1; ; attempt++) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    // exclusive: waits until every write that checked the ranges in share mode committed
                    s.executeQuery("SELECT id FROM moved_ranges_guard WHERE id = 1 FOR UPDATE").close();
                }
                change.run();
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                if (e.getErrorCode() != ER_LOCK_WAIT_TIMEOUT || attempt == TRIES) {
                    throw e;
                }
                killStalledWrites(c, seconds);
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Kills the write transactions that have held locks for {@code seconds} or more: the guard's holder is among them. */
    private static void killStalledWrites(Connection c, long seconds) throws SQLException {
        List<Long> threads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX"
                + " WHERE trx_mysql_thread_id <> CONNECTION_ID() AND trx_lock_structs > 0 AND trx_started <= NOW() - INTERVAL ? SECOND")) {
            ps.setLong(1, seconds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    threads.add(rs.getLong(1));
                }
            }
        }
        for (long thread : threads) {
            try (Statement s = c.createStatement()) {
                s.execute("KILL CONNECTION " + thread);
            } catch (SQLException e) {
                if (e.getErrorCode() != ER_NO_SUCH_THREAD) { // it ended meanwhile: nothing to kill
                    throw e;
                }
            }
        }
    }

    private static final int ER_NO_SUCH_THREAD = 1094;

    private static void refuseMoved(String shard, List<KeyRange> moved, Collection<Long> keys) {
        for (KeyRange range : moved) {
            for (long key : keys) {
                if (range.contains(key)) {
                    throw FlightpathException.unavailable("key %s moved away from %s (range %s): this node's shard maps are stale; retry shortly",
                            ShardKey.hex(key), shard, range);
                }
            }
        }
    }
}

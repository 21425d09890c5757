package io.flightpath.inflight.handoff;

import io.flightpath.core.Call;
import io.flightpath.core.Message;
import io.flightpath.inflight.store.InList;
import io.flightpath.store.CallRows;
import io.flightpath.store.MessageRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The statements of the handoff on the in-flight side: reading outbox entries with their records,
 * and retiring a batch that reached post-flight (records and entries deleted, tombstones written).
 * Each runs on the connection it is given, in the caller's transaction. Stateless apart from the
 * clock; thread-safe.
 */
final class Outbox {
    private final Clock clock;

    Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Outbox entries queued with their records, and the records as the in-flight store holds them. */
    record Batch(List<Long> outboxIds, List<Call> calls, List<Message> messages) {
        int records() {
            return calls.size() + messages.size();
        }
    }

    /** The oldest {@code limit} entries in {@code buckets}, with their records. */
    Batch oldest(Connection c, Buckets buckets, int limit) throws SQLException {
        // forced: left alone, the optimizer walks the primary key in id order to save the sort, and
        // so reads every other partition's entries too, each worker the whole outbox on every pass
        return read(c, "FORCE INDEX (ix_outbox_bucket) WHERE bucket >= ? AND bucket < ? ORDER BY id LIMIT ?", ps -> {
            ps.setInt(1, buckets.from());
            ps.setInt(2, buckets.to());
            ps.setInt(3, limit);
        });
    }

    /** The entry of this SID with its record, or an empty batch when it awaits no handoff. */
    Batch of(Connection c, String sid) throws SQLException {
        return read(c, "WHERE sid = ?", ps -> ps.setString(1, sid));
    }

    /** The bucket of the entry of this SID, or empty when it awaits no handoff. */
    OptionalInt bucket(Connection c, String sid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT bucket FROM handoff_outbox WHERE sid = ?")) {
            ps.setString(1, sid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }

    /** Entries waiting, in all partitions. */
    static long depth(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM handoff_outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The outbox entries that {@code rest} (a WHERE, ORDER or LIMIT clause) selects, with their records. */
    private static Batch read(Connection c, String rest, Binder binder) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> callSids = new ArrayList<>();
        List<String> messageSids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, sid FROM handoff_outbox " + rest)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    (rs.getString(2).equals("call") ? callSids : messageSids).add(rs.getString(3));
                }
            }
        }
        return new Batch(ids, rows(c, "calls", callSids, CallRows::read), rows(c, "messages", messageSids, MessageRows::read));
    }

    @FunctionalInterface
    private interface RowReader<R> {
        R read(ResultSet rs) throws SQLException;
    }

    private static <R> List<R> rows(Connection c, String table, List<String> sids, RowReader<R> reader) throws SQLException {
        List<R> rows = new ArrayList<>();
        if (sids.isEmpty()) {
            return rows;
        }
        // forced: for a long list on a small table the optimizer prefers a scan of the whole table
        String sql = "SELECT * FROM " + table + " FORCE INDEX (uk_" + table + "_sid) WHERE sid IN (" + InList.marks(sids.size()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            InList.bind(ps, 1, sids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        }
        return rows;
    }

    /** Deletes the batch's records and entries and writes their tombstones; call it first in its transaction. */
    Void retire(Connection c, Batch batch) throws SQLException {
        // before the first statement, so the whole transaction runs at this level: repeatable read
        // would take gap locks around the deleted rows, into which the group committer inserts
        // new records and outbox entries, and the two deadlock
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        Instant now = clock.instant();
        List<Tombstone> tombstones = new ArrayList<>();
        batch.calls().forEach(call -> tombstones.add(new Tombstone(call.sid().value(), call.status().wire())));
        batch.messages().forEach(m -> tombstones.add(new Tombstone(m.sid().value(), m.status().wire())));
        deleteBySid(c, "calls", batch.calls(), call -> call.sid().value());
        deleteBySid(c, "messages", batch.messages(), m -> m.sid().value());
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM handoff_outbox WHERE id = ?")) {
            for (long id : batch.outboxIds()) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // an upsert: a tombstone that somehow exists already must not wedge the relay
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO finished (sid, status, finished_at) VALUES (?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE status = VALUES(status), finished_at = VALUES(finished_at)")) {
            for (Tombstone t : tombstones) {
                ps.setString(1, t.sid());
                ps.setString(2, t.status());
                ps.setObject(3, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.addBatch();
            }
            if (!tombstones.isEmpty()) {
                ps.executeBatch();
            }
        }
        return null;
    }

    private record Tombstone(String sid, String status) {
    }

    private static <R> void deleteBySid(Connection c, String table, List<R> records, Function<R, String> sid) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        // one key a statement, not an IN list: for a long list on a small table the optimizer
        // prefers a scan, which locks rows the group committers are moving and deadlocks with them
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE sid = ?")) {
            for (R record : records) {
                ps.setString(1, sid.apply(record));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

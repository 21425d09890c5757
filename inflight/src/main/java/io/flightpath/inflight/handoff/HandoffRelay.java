package io.flightpath.inflight.handoff;

import io.flightpath.core.Call;
import io.flightpath.core.Message;
import io.flightpath.inflight.store.Handoff;
import io.flightpath.inflight.store.InList;
import io.flightpath.inflight.store.WakeSignal;
import io.flightpath.postflight.api.PostflightService;
import io.flightpath.store.CallRows;
import io.flightpath.store.Database;
import io.flightpath.store.MessageRows;
import io.flightpath.store.SqlWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Moves finished records from the in-flight store to post-flight: reads a batch of outbox
 * entries, inserts their records into post-flight (idempotent by SID), then deletes the records
 * and entries and writes their tombstones in one in-flight transaction. A crash or failure at any
 * point leaves the entries in place, so the next pass repeats the batch: nothing is lost, and the
 * idempotent insert means nothing is doubled. {@link #now} hands off one record the same way, at
 * once. Run one relay per in-flight store; thread-safe.
 */
public final class HandoffRelay implements Handoff, AutoCloseable {
    private final Database db;
    private final PostflightService postflight;
    private final HandoffConfig config;
    private final Clock clock;
    private final Counter calls;
    private final Counter messages;
    private final AtomicLong depth = new AtomicLong();
    // One batch at a time, from read to finish: a batch read before a record was handed off alone
    // would insert it into post-flight again, after a client may have deleted it there.
    private final ReentrantLock handingOff = new ReentrantLock();
    private final Worker worker;

    /** {@code wake} is the signal the store raises when it queues records. */
    public HandoffRelay(Database db, PostflightService postflight, HandoffConfig config, WakeSignal wake, Clock clock,
                        MeterRegistry metrics) {
        this.db = db;
        this.postflight = postflight;
        this.config = config;
        this.clock = clock;
        this.calls = handedOff(metrics, "call");
        this.messages = handedOff(metrics, "message");
        // held strongly: the registry's weak reference let a relay's depth read NaN once the relay was collected
        Gauge.builder("flightpath.handoff.outbox.depth", depth, AtomicLong::get)
                .description("Records waiting in the in-flight outbox, as of the relay's last pass")
                .strongReference(true)
                .register(metrics);
        this.worker = new Worker("handoff-relay", this::pass, config.idleWait(), config.maxBackoff(), wake);
    }

    private static Counter handedOff(MeterRegistry metrics, String kind) {
        return Counter.builder("flightpath.handoff.records")
                .description("Records handed off from in-flight to post-flight")
                .tag("kind", kind)
                .register(metrics);
    }

    /** Hands off everything in the outbox, batch by batch, and returns how many records it handed off. */
    public int drain() {
        int total = 0;
        while (true) {
            Batch batch = handOff(c -> readBatch(c, "ORDER BY id LIMIT ?", ps -> ps.setInt(1, config.batchSize())));
            total += batch.calls().size() + batch.messages().size();
            if (batch.outboxIds().size() < config.batchSize()) {
                break;
            }
        }
        depth.set(db.read(HandoffRelay::outboxDepth));
        return total;
    }

    /** Hands off the record with this SID at once if it awaits handoff; see {@link Handoff#now}. */
    @Override
    public void now(String sid) {
        handOff(c -> readBatch(c, "WHERE sid = ?", ps -> ps.setString(1, sid)));
    }

    /** Reads a batch, inserts its records into post-flight, removes them from in-flight; returns the batch. */
    private Batch handOff(SqlWork<Batch> read) {
        handingOff.lock();
        try {
            Batch batch = db.read(read);
            if (batch.outboxIds().isEmpty()) {
                return batch;
            }
            if (!batch.calls().isEmpty()) {
                postflight.insertCalls(batch.calls());
            }
            if (!batch.messages().isEmpty()) {
                postflight.insertMessages(batch.messages());
            }
            // a crash before this commit repeats the batch; the inserts above are idempotent
            db.transaction(c -> finish(c, batch));
            calls.increment(batch.calls().size());
            messages.increment(batch.messages().size());
            return batch;
        } finally {
            handingOff.unlock();
        }
    }

    /** Deletes tombstones older than the retention; returns how many. */
    public int pruneFinished() {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(config.finishedRetention()), ZoneOffset.UTC);
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM finished WHERE finished_at < ?")) {
                ps.setObject(1, cutoff);
                return ps.executeUpdate();
            }
        });
    }

    /** Drains continuously on a virtual thread until {@link #close()}; failures are logged and retried. */
    public void start() {
        worker.start();
    }

    private int pass() {
        int done = drain();
        pruneFinished();
        return done;
    }

    @Override
    public void close() {
        worker.close();
    }

    private record Batch(List<Long> outboxIds, List<Call> calls, List<Message> messages) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The outbox entries that {@code rest} (a WHERE, ORDER or LIMIT clause) selects, with their records. */
    private static Batch readBatch(Connection c, String rest, Binder binder) throws SQLException {
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
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE sid IN (" + InList.marks(sids.size()) + ")")) {
            InList.bind(ps, 1, sids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        }
        return rows;
    }

    private Void finish(Connection c, Batch batch) throws SQLException {
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

    private static long outboxDepth(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM handoff_outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

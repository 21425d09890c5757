package io.flightpath.inflight.handoff;

import io.flightpath.core.CallStatus;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.RecordStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.store.Database;
import io.flightpath.inflight.store.Expiry;
import io.flightpath.inflight.store.Expiring;
import io.flightpath.inflight.store.WakeSignal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Finalises records stuck in-flight because the platform never sent their last event. A record
 * that has had no event for its timeout moves, at the moment the timeout ran out:
 * <ul>
 *   <li>call queued → failed, ringing → no-answer (after {@code callTimeout}, 1 h);</li>
 *   <li>call in-progress → completed (after {@code inProgressTimeout}, 4 h, Twilio's call time limit);</li>
 *   <li>message sent → undelivered (after {@code sentTimeout}, 24 h): delivery was never confirmed;</li>
 *   <li>message scheduled → failed (after {@code scheduledTimeout}, 36 days);</li>
 *   <li>message accepted, queued, sending, receiving → failed (after {@code messageTimeout}, 1 h).</li>
 * </ul>
 * Moves go through the store's own write path ({@link Expiring}), so the records are handed off as
 * usual; a record that gets an event between the sweeper's read and its write is left alone. Any
 * store with the record tables' {@code sid}, {@code status} and {@code date_updated} columns can be
 * swept: the dedicated in-flight store, and the legacy tables while they still hold records in flight.
 * Thread-safe.
 */
public final class Sweeper implements AutoCloseable {
    private final Database db;
    private final Expiring store;
    private final SweepConfig config;
    private final Clock clock;
    private final List<Rule> rules;
    private final Counter finalised;
    private final Worker worker;

    /** Sweeps the tables of {@code db} and finalises what it finds through {@code store}, the owner of those tables. */
    public Sweeper(Database db, Expiring store, SweepConfig config, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.rules = rules(config);
        this.finalised = Counter.builder("flightpath.sweeper.finalised")
                .description("Stale in-flight records the sweeper finalised")
                .tag("database", db.name())
                .register(metrics);
        this.worker = new Worker(db.name() + "-sweeper", this::sweep, config.interval(), config.interval(), new WakeSignal());
    }

    /** One rule of the class comment: records of {@code table} in {@code from} for {@code timeout} move to {@code to}. */
    record Rule(String table, RecordStatus from, RecordStatus to, Duration timeout) {
    }

    static List<Rule> rules(SweepConfig config) {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("calls", CallStatus.QUEUED, CallStatus.FAILED, config.callTimeout()));
        rules.add(new Rule("calls", CallStatus.RINGING, CallStatus.NO_ANSWER, config.callTimeout()));
        rules.add(new Rule("calls", CallStatus.IN_PROGRESS, CallStatus.COMPLETED, config.inProgressTimeout()));
        rules.add(new Rule("messages", MessageStatus.SENT, MessageStatus.UNDELIVERED, config.sentTimeout()));
        rules.add(new Rule("messages", MessageStatus.SCHEDULED, MessageStatus.FAILED, config.scheduledTimeout()));
        for (MessageStatus s : List.of(MessageStatus.ACCEPTED, MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.RECEIVING)) {
            rules.add(new Rule("messages", s, MessageStatus.FAILED, config.messageTimeout()));
        }
        return List.copyOf(rules);
    }

    /** Finalises up to one batch per rule of the records stale now; returns how many it moved. */
    public int sweep() {
        Instant now = clock.instant();
        int moved = 0;
        for (Rule rule : rules) {
            List<Expiry> stale = db.read(c -> stale(c, rule, now.minus(rule.timeout())));
            moved += store.expire(stale);
        }
        finalised.increment(moved);
        return moved;
    }

    private List<Expiry> stale(Connection c, Rule rule, Instant cutoff) throws SQLException {
        List<Expiry> stale = new ArrayList<>();
        String sql = "SELECT sid, date_updated FROM " + rule.table() + " WHERE status = ? AND date_updated < ? "
                + "ORDER BY date_updated LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, rule.from().wire());
            ps.setObject(2, LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            ps.setInt(3, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant updated = rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    // the move happens when the timeout ran out, not when the sweep noticed it
                    StatusEvent event = new StatusEvent(rs.getString(1), rule.to().wire(), updated.plus(rule.timeout()),
                            null, null, null);
                    stale.add(new Expiry(event, rule.from().wire(), updated));
                }
            }
        }
        return stale;
    }

    /** Sweeps continuously on a virtual thread, every {@link SweepConfig#interval} when idle, until {@link #close()}. */
    public void start() {
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
    }
}

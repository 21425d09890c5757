package io.flightpath.inflight.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallQuery;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.RecordStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.store.Conditions;
import io.flightpath.store.Database;
import io.flightpath.store.RecordTable;
import io.flightpath.store.Migrations;
import io.flightpath.inflight.api.InflightService;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The in-flight store on MariaDB. Writes from all callers go through one group committer, so
 * many small requests share a transaction while each caller still returns only once its write
 * is committed. Records reaching a post-flight status are queued in the handoff outbox in the
 * same transaction, and the relay hands them off; a caller that cannot wait has one handed off at
 * once. Thread-safe; close it to stop the committer.
 */
public final class MariaDbInflightStore implements InflightService, Expiring, AutoCloseable {
    /** The schema sets the in-flight database needs, in order: pass them to {@link Database#open}. */
    public static final List<Migrations> MIGRATIONS = List.of(
            Migrations.RECORDS, new Migrations("db/inflight", "flyway_inflight_history"));

    private final Database db;
    private final Clock clock;
    private final WakeSignal wake;
    private final Handoff handoff;
    private final GroupCommitter committer;

    /**
     * {@code wake} is raised after each commit that queued records for handoff; {@code handoff}
     * hands off one record at once, for {@link #handOffCall} and {@link #handOffMessage}.
     */
    public MariaDbInflightStore(Database db, Clock clock, GroupCommitConfig config, WakeSignal wake, Handoff handoff,
                                MeterRegistry metrics) {
        this.db = db;
        this.clock = clock;
        this.wake = wake;
        this.handoff = handoff;
        this.committer = new GroupCommitter(db, config, new SharedWrites(new StatusMoves(clock)), metrics);
    }

    @Override
    public Call createCall(NewCall call) {
        Instant now = now();
        Call created = new Call(CallSid.random(), call.account(), call.parentCallSid(), call.to(), call.from(),
                null, null, null, CallStatus.QUEUED, call.direction(), null, null, null, null, null, null,
                null, null, null, null, null, now, now);
        committer.submit(1, new Write.Insert<>(RecordKind.CALLS, created));
        return created;
    }

    @Override
    public Message createMessage(NewMessage message) {
        Instant now = now();
        MessageStatus status = message.messagingServiceSid() == null ? MessageStatus.QUEUED : MessageStatus.ACCEPTED;
        Message created = new Message(MessageSid.random(), message.account(), message.to(), message.from(),
                message.body(), message.segments(), message.numMedia(), status, message.direction(),
                message.messagingServiceSid(), null, null, null, null, now, now, null);
        committer.submit(1, new Write.Insert<>(RecordKind.MESSAGES, created));
        return created;
    }

    @Override
    public void apply(List<StatusEvent> events) {
        if (events == null || events.stream().anyMatch(Objects::isNull)) {
            throw FlightpathException.invalid("status events must be a list without nulls");
        }
        if (events.isEmpty()) {
            return;
        }
        signal(committer.submit(events.size(), new Write.Moves(List.copyOf(events), Map.of())));
    }

    /** A record that moved on is no longer stale; goes through the same commit path as {@link #apply}. */
    @Override
    public int expire(List<Expiry> expiries) {
        if (expiries.isEmpty()) {
            return 0;
        }
        Map<String, Expiry> guards = new HashMap<>();
        List<StatusEvent> events = new ArrayList<>(expiries.size());
        for (Expiry e : expiries) {
            guards.put(e.event().sid(), e);
            events.add(e.event());
        }
        StatusMoves.Outcome outcome = committer.submit(expiries.size(), new Write.Moves(events, guards));
        signal(outcome);
        return outcome.moved();
    }

    private void signal(StatusMoves.Outcome outcome) {
        if (outcome.queued() > 0) {
            wake.raise();
        }
    }

    @Override
    public Optional<Call> call(AccountSid account, CallSid sid) {
        return db.read(c -> one(c, RecordKind.CALLS, account, sid.value()));
    }

    @Override
    public Optional<Message> message(AccountSid account, MessageSid sid) {
        return db.read(c -> one(c, RecordKind.MESSAGES, account, sid.value()));
    }

    /**
     * The SIDs among {@code sids} this store has had: its records, in flight or awaiting handoff,
     * and those it handed off whose tombstone it still keeps. One statement, so one snapshot: a
     * record in the middle of its handoff is found as the one or the other.
     */
    public Set<String> known(Collection<String> sids) {
        Set<String> known = new HashSet<>();
        if (sids.isEmpty()) {
            return known;
        }
        String in = " WHERE sid IN (" + InList.marks(sids.size()) + ")";
        String sql = "SELECT sid FROM " + RecordKind.CALLS.table() + in + " UNION ALL SELECT sid FROM "
                + RecordKind.MESSAGES.table() + in + " UNION ALL SELECT sid FROM finished" + in;
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                InList.bind(ps, InList.bind(ps, InList.bind(ps, 1, sids), sids), sids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        known.add(rs.getString(1));
                    }
                }
            }
            return known;
        });
    }

    @Override
    public void handOffCall(AccountSid account, CallSid sid) {
        handOff(RecordKind.CALLS, account, sid.value());
    }

    @Override
    public void handOffMessage(AccountSid account, MessageSid sid) {
        handOff(RecordKind.MESSAGES, account, sid.value());
    }

    private <R> void handOff(RecordKind<R> kind, AccountSid account, String sid) {
        Optional<R> record = db.read(c -> one(c, kind, account, sid));
        if (record.isEmpty()) {
            return;
        }
        RecordStatus status = kind.status(record.get());
        if (!status.isPostFlight()) {
            throw FlightpathException.failedPrecondition("%s %s is %s and not finished yet", kind.noun(), sid, status.wire());
        }
        handoff.now(sid);
    }

    private static <R> Optional<R> one(Connection c, RecordKind<R> kind, AccountSid account, String sid)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + kind.table() + " WHERE sid = ? AND account_sid = ?")) {
            ps.setString(1, sid);
            ps.setString(2, account.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(kind.read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Page<Call> calls(CallQuery query, PageRequest page) {
        Conditions where = Conditions.of(query).below(page.after());
        return db.read(c -> RecordTable.CALLS.page(c, where, page));
    }

    @Override
    public Page<Message> messages(MessageQuery query, PageRequest page) {
        Conditions where = Conditions.of(query).below(page.after());
        return db.read(c -> RecordTable.MESSAGES.page(c, where, page));
    }

    // DATETIME(6) keeps microseconds: a record read back must equal the one returned here.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Stops taking writes after committing what is queued; the database stays open (its owner closes it). */
    @Override
    public void close() {
        committer.close();
    }
}

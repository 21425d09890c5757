package io.flightpath.legacy;

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
import io.flightpath.core.UsageDay;
import io.flightpath.inflight.store.Expiring;
import io.flightpath.inflight.store.Expiry;
import io.flightpath.inflight.store.InList;
import io.flightpath.store.CallRows;
import io.flightpath.store.Conditions;
import io.flightpath.store.DailyUsage;
import io.flightpath.store.Database;
import io.flightpath.store.MessageRows;
import io.flightpath.store.Micros;
import io.flightpath.store.Migrations;
import io.flightpath.store.RecordTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The legacy code path: every call and message in one database, in-flight and finished rows in
 * the same two tables, read and written with plain SQL and no service in between. Changes to a
 * finished record (price, redaction, deletion) apply only to rows in a post-flight status, as
 * they do on the post-flight store. Thread-safe.
 */
public final class LegacyRecords implements Expiring {
    /**
     * The schema of the legacy database: pass it to {@link Database#open}. The usage ledger is the
     * shards' own, so that it needs nothing when this database becomes shard0.
     */
    public static final List<Migrations> MIGRATIONS = List.of(new Migrations("db/legacy", "flyway_legacy_history"), Migrations.LEDGER);

    private static final String CALL_MOVE = "status = ?, answered_by = ?, start_time = ?, end_time = ?, duration = ?, date_updated = ?";
    private static final String MESSAGE_MOVE = "status = ?, error_code = ?, error_message = ?, date_sent = ?, date_updated = ?";

    private final Database db;
    private final Clock clock;
    private volatile RecordTable<Call> calls = RecordTable.UNKEYED_CALLS;
    private volatile RecordTable<Message> messages = RecordTable.UNKEYED_MESSAGES;
    // inserts hold it shared while they use the row shape they read; writeShardKeys takes it alone,
    // so that once it returns no insert without a key is still running in this process
    private final ReadWriteLock rowShape = new ReentrantReadWriteLock();

    public LegacyRecords(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Database database() {
        return db;
    }

    /**
     * From now on, rows this process inserts carry their shard key: the step of the rollout that
     * adds the column calls this on every writer before it backfills the rows written without one.
     * Returns once no insert of a row without a key is running here, so that a writer may
     * acknowledge the switch as soon as this returns.
     */
    public void writeShardKeys() {
        rowShape.writeLock().lock();
        try {
            calls = RecordTable.CALLS;
            messages = RecordTable.MESSAGES;
        } finally {
            rowShape.writeLock().unlock();
        }
    }

    public boolean writesShardKeys() {
        return calls == RecordTable.CALLS;
    }

    public Call createCall(NewCall request) {
        Call call = request.create(now());
        inserting(() -> calls, List.of(call));
        return call;
    }

    public Message createMessage(NewMessage request) {
        Message message = request.create(now());
        inserting(() -> messages, List.of(message));
        return message;
    }

    /**
     * Applies status events in one transaction, all or none: NOT_FOUND for an unknown record,
     * FAILED_PRECONDITION for an illegal move. A repeat of a record's current status is a no-op.
     */
    public void apply(List<StatusEvent> events) {
        apply(events, () -> { });
    }

    /**
     * Applies status events as {@link #apply(List)} does and runs {@code alongside} once they are
     * checked and written, before they commit: when it throws, they roll back. This is how a batch
     * whose other part belongs to another store applies all or none.
     */
    public void apply(List<StatusEvent> events, Runnable alongside) {
        if (events == null || events.stream().anyMatch(Objects::isNull)) {
            throw FlightpathException.invalid("status events must be a list without nulls");
        }
        if (events.isEmpty()) {
            alongside.run();
            return;
        }
        db.transaction(c -> {
            for (StatusEvent event : events) {
                move(c, event, null);
            }
            alongside.run();
            return null;
        });
    }

    /**
     * Finalises the stale records the sweeper found here, in one transaction, by the sweeper's rules
     * for the in-flight store: the legacy tables have no sweeper of their own, and a record stuck in
     * flight would keep them from ever holding post-flight records only. Run it with
     * {@code new Sweeper(database(), this, ...)}.
     */
    @Override
    public int expire(List<Expiry> expiries) {
        if (expiries.isEmpty()) {
            return 0;
        }
        return db.transaction(c -> {
            int moved = 0;
            for (Expiry expiry : expiries) {
                moved += move(c, expiry.event(), expiry) ? 1 : 0;
            }
            return moved;
        });
    }

    /**
     * Moves the record an event names, inside the caller's transaction; true when it changed. With a
     * {@code guard}, a record gone or changed since the sweeper saw it is left alone.
     */
    private boolean move(Connection c, StatusEvent event, Expiry guard) throws SQLException {
        if (event.isCall()) {
            Call before = locked(c, "calls", event.sid(), CallRows::read, guard != null);
            if (before == null || movedOn(guard, before.status(), before.dateUpdated())) {
                return false;
            }
            Call after = Micros.call(before.after(event));
            if (after.equals(before)) {
                return false;
            }
            calls.update(c, after.accountSid(), event.sid(), CALL_MOVE, after.status().wire(), after.answeredBy(),
                    stored(after.startTime()), stored(after.endTime()), after.duration(), stored(after.dateUpdated()));
            return true;
        }
        Message before = locked(c, "messages", event.sid(), MessageRows::read, guard != null);
        if (before == null || movedOn(guard, before.status(), before.dateUpdated())) {
            return false;
        }
        Message after = Micros.message(before.after(event));
        if (after.equals(before)) {
            return false;
        }
        messages.update(c, after.accountSid(), event.sid(), MESSAGE_MOVE, after.status().wire(), after.errorCode(),
                after.errorMessage(), stored(after.dateSent()), stored(after.dateUpdated()));
        return true;
    }

    private static boolean movedOn(Expiry guard, RecordStatus status, Instant updated) {
        return guard != null && !(status.wire().equals(guard.fromStatus()) && updated.equals(guard.lastUpdated()));
    }

    /**
     * How many rows of the legacy tables are in an in-flight status. Once it is 0 with new records
     * created elsewhere, the tables hold post-flight records only and the in-flight view can go.
     */
    public long inflightCount() {
        return db.read(c -> inflightRows(c, "calls", CallStatus.values()) + inflightRows(c, "messages", MessageStatus.values()));
    }

    private static long inflightRows(Connection c, String table, RecordStatus[] all) throws SQLException {
        List<String> inFlight = Stage.IN_FLIGHT.statuses(all);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE status IN ("
                + InList.marks(inFlight.size()) + ")")) {
            InList.bind(ps, 1, inFlight);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<Call> call(AccountSid account, CallSid sid, Stage stage) {
        return db.read(c -> calls.find(c, account, sid.value())).filter(call -> stage.holds(call.status()));
    }

    public Optional<Message> message(AccountSid account, MessageSid sid, Stage stage) {
        return db.read(c -> messages.find(c, account, sid.value())).filter(m -> stage.holds(m.status()));
    }

    public Page<Call> calls(CallQuery query, PageRequest page, Stage stage) {
        Conditions where = stage.restrict(Conditions.of(query), CallStatus.values()).below(page.after());
        return db.read(c -> calls.page(c, where, page));
    }

    public Page<Message> messages(MessageQuery query, PageRequest page, Stage stage) {
        Conditions where = stage.restrict(Conditions.of(query), MessageStatus.values()).below(page.after());
        return db.read(c -> messages.page(c, where, page));
    }

    /** Stores finished calls handed off from an in-flight store of their own, idempotently by SID. */
    public void insertCalls(List<Call> finished) {
        inserting(() -> calls, finished.stream().map(calls::checkedForStorage).toList());
    }

    public void insertMessages(List<Message> finished) {
        inserting(() -> messages, finished.stream().map(messages::checkedForStorage).toList());
    }

    public Call priceCall(AccountSid account, CallSid sid, BigDecimal price, String priceUnit, Instant at) {
        return db.transactionRetryingDeadlocks(c -> {
            finished(c, calls, account, sid.value(), Call::status);
            return calls.update(c, account, sid.value(), "price = ?, price_unit = ?, date_updated = ?", price, priceUnit, Micros.stored(at));
        });
    }

    public Message priceMessage(AccountSid account, MessageSid sid, BigDecimal price, String priceUnit, Instant at) {
        return db.transactionRetryingDeadlocks(c -> {
            finished(c, messages, account, sid.value(), Message::status);
            return messages.update(c, account, sid.value(), "price = ?, price_unit = ?, date_updated = ?", price, priceUnit, Micros.stored(at));
        });
    }

    public Message redactMessage(AccountSid account, MessageSid sid, Instant at) {
        return db.transactionRetryingDeadlocks(c -> {
            finished(c, messages, account, sid.value(), Message::status);
            return messages.update(c, account, sid.value(), "body = '', date_updated = ?", Micros.stored(at));
        });
    }

    /** Deletes a finished call; false when the account has no finished call of that SID. */
    public boolean deleteCall(AccountSid account, CallSid sid) {
        return db.transactionRetryingDeadlocks(c -> isFinished(c, calls, account, sid.value(), Call::status) && calls.delete(c, account, sid.value()));
    }

    public boolean deleteMessage(AccountSid account, MessageSid sid) {
        return db.transactionRetryingDeadlocks(c -> isFinished(c, messages, account, sid.value(), Message::status)
                && messages.delete(c, account, sid.value()));
    }

    /** Usage per UTC day from finished records only, as billing sees it on the post-flight store. */
    public List<UsageDay> usage(AccountSid account, Instant from, Instant to) {
        return db.read(c -> DailyUsage.ofFinished(c, account, from, to));
    }

    /** Inserts {@code rows} in one transaction into the table {@code shape} names once the row shape cannot change. */
    private <R> void inserting(Supplier<RecordTable<R>> shape, List<R> rows) {
        rowShape.readLock().lock();
        try {
            RecordTable<R> table = shape.get();
            db.transaction(c -> {
                table.insert(c, rows);
                return null;
            });
        } finally {
            rowShape.readLock().unlock();
        }
    }

    @FunctionalInterface
    private interface Row<R> {
        R read(ResultSet rs) throws SQLException;
    }

    /** The row of {@code sid}, locked; null when there is none and it {@code mayBeGone}, else NOT_FOUND. */
    private static <R> R locked(Connection c, String table, String sid, Row<R> row, boolean mayBeGone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE sid = ? FOR UPDATE")) {
            ps.setString(1, sid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return row.read(rs);
                }
                if (mayBeGone) {
                    return null;
                }
                throw FlightpathException.notFound("no %s %s", table.equals("calls") ? "call" : "message", sid);
            }
        }
    }

    private static <R> boolean isFinished(Connection c, RecordTable<R> table, AccountSid account, String sid,
                                          Function<R, RecordStatus> status) throws SQLException {
        return table.find(c, account, sid).map(r -> status.apply(r).isPostFlight()).orElse(false);
    }

    private static <R> void finished(Connection c, RecordTable<R> table, AccountSid account, String sid,
                                     Function<R, RecordStatus> status) throws SQLException {
        if (!isFinished(c, table, account, sid, status)) {
            throw FlightpathException.notFound("no finished record %s in account %s", sid, account);
        }
    }

    private static Object stored(Instant t) {
        return t == null ? null : Micros.stored(t);
    }

    // DATETIME(6) keeps microseconds: a record read back must equal the one returned here.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

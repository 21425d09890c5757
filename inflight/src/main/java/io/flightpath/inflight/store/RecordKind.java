package io.flightpath.inflight.store;

import io.flightpath.core.Call;
import io.flightpath.core.Message;
import io.flightpath.core.RecordStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.core.db.CallRows;
import io.flightpath.core.db.MessageRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** What status moves need to know about calls and messages, so the move logic is written once. */
abstract sealed class RecordKind<R> {
    static final RecordKind<Call> CALLS = new Calls();
    static final RecordKind<Message> MESSAGES = new Messages();

    private final String noun;
    private final String table;
    private final String insertSql;

    private RecordKind(String noun, String table, String columns, String placeholders) {
        this.noun = noun;
        this.table = table;
        this.insertSql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
    }

    /** The word in errors and in the outbox's kind column. */
    final String noun() {
        return noun;
    }

    final String table() {
        return table;
    }

    final void insert(Connection c, R record) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            bindRow(ps, record);
            ps.executeUpdate();
        }
    }

    /** Binds every column of the shared row mapping, for {@link #insert}. */
    abstract void bindRow(PreparedStatement ps, R record) throws SQLException;

    abstract R read(ResultSet rs) throws SQLException;

    abstract String sid(R record);

    abstract RecordStatus status(R record);

    abstract Instant dateUpdated(R record);

    /** The record after {@code event}; the record itself when the event repeats its status. */
    abstract R moved(R record, StatusEvent event);

    /** Writes the fields a move may change, keyed by sid. */
    abstract String updateSql();

    abstract void bindUpdate(PreparedStatement ps, R record) throws SQLException;

    static RecordKind<?> of(StatusEvent event) {
        return event.isCall() ? CALLS : MESSAGES;
    }

    /** Times are stored as UTC DATETIME(6), as the shared row mapping does. */
    static LocalDateTime time(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static final class Calls extends RecordKind<Call> {
        Calls() {
            super("call", "calls", CallRows.COLUMNS, CallRows.PLACEHOLDERS);
        }

        void bindRow(PreparedStatement ps, Call call) throws SQLException {
            CallRows.bind(ps, 1, call);
        }

        Call read(ResultSet rs) throws SQLException {
            return CallRows.read(rs);
        }

        String sid(Call call) {
            return call.sid().value();
        }

        RecordStatus status(Call call) {
            return call.status();
        }

        Instant dateUpdated(Call call) {
            return call.dateUpdated();
        }

        Call moved(Call call, StatusEvent event) {
            Call next = call.withStatus(event.callStatus(), event.at());
            return next == call || event.answeredBy() == null ? next : next.withAnsweredBy(event.answeredBy());
        }

        String updateSql() {
            return "UPDATE calls SET status = ?, answered_by = ?, start_time = ?, end_time = ?, duration = ?, "
                    + "date_updated = ? WHERE sid = ?";
        }

        void bindUpdate(PreparedStatement ps, Call call) throws SQLException {
            ps.setString(1, call.status().wire());
            ps.setString(2, call.answeredBy());
            ps.setObject(3, time(call.startTime()));
            ps.setObject(4, time(call.endTime()));
            ps.setObject(5, call.duration());
            ps.setObject(6, time(call.dateUpdated()));
            ps.setString(7, call.sid().value());
        }
    }

    private static final class Messages extends RecordKind<Message> {
        Messages() {
            super("message", "messages", MessageRows.COLUMNS, MessageRows.PLACEHOLDERS);
        }

        void bindRow(PreparedStatement ps, Message message) throws SQLException {
            MessageRows.bind(ps, 1, message);
        }

        Message read(ResultSet rs) throws SQLException {
            return MessageRows.read(rs);
        }

        String sid(Message message) {
            return message.sid().value();
        }

        RecordStatus status(Message message) {
            return message.status();
        }

        Instant dateUpdated(Message message) {
            return message.dateUpdated();
        }

        Message moved(Message message, StatusEvent event) {
            Message next = message.withStatus(event.messageStatus(), event.at());
            boolean details = event.errorCode() != null || event.errorMessage() != null;
            return next == message || !details ? next : next.withError(event.errorCode(), event.errorMessage());
        }

        String updateSql() {
            return "UPDATE messages SET status = ?, error_code = ?, error_message = ?, date_sent = ?, date_updated = ? "
                    + "WHERE sid = ?";
        }

        void bindUpdate(PreparedStatement ps, Message message) throws SQLException {
            ps.setString(1, message.status().wire());
            ps.setObject(2, message.errorCode());
            ps.setString(3, message.errorMessage());
            ps.setObject(4, time(message.dateSent()));
            ps.setObject(5, time(message.dateUpdated()));
            ps.setString(6, message.sid().value());
        }
    }
}

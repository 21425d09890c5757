package io.flightpath.inflight.store;

import io.flightpath.core.Call;
import io.flightpath.core.Message;
import io.flightpath.core.RecordStatus;
import io.flightpath.core.StatusEvent;
import io.flightpath.store.CallRows;
import io.flightpath.store.MessageRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

/** What status moves need to know about calls and messages, so the move logic is written once. */
abstract sealed class RecordKind<R> {
    // well below the 65,535 placeholders one statement may carry (24 columns a call)
    private static final int ROWS_PER_INSERT = 1000;
    static final RecordKind<Call> CALLS = new Calls();
    static final RecordKind<Message> MESSAGES = new Messages();

    private final String noun;
    private final String table;
    private final String columns;
    private final String row;
    private final int columnCount;

    private RecordKind(String noun, String table, String columns, String placeholders, int columnCount) {
        this.noun = noun;
        this.table = table;
        this.columns = columns;
        this.row = "(" + placeholders + ")";
        this.columnCount = columnCount;
    }

    /** The word in errors and in the outbox's kind column. */
    final String noun() {
        return noun;
    }

    final String table() {
        return table;
    }

    /** The unique index on sid, as the record schema names it. */
    final String sidIndex() {
        return "uk_" + table + "_sid";
    }

    /** Inserts the records with one multi-row statement per chunk: one round trip, not one per record. */
    final void insertAll(Connection c, List<R> records) throws SQLException {
        for (int from = 0; from < records.size(); from += ROWS_PER_INSERT) {
            List<R> chunk = records.subList(from, Math.min(records.size(), from + ROWS_PER_INSERT));
            String sql = "INSERT INTO " + table + " (" + columns + ") VALUES " + String.join(", ", Collections.nCopies(chunk.size(), row));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    bindRow(ps, 1 + i * columnCount, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    /** Binds every column of the shared row mapping from parameter {@code first}, for {@link #insertAll}. */
    abstract void bindRow(PreparedStatement ps, int first, R record) throws SQLException;

    /** The record a caller passed in as this kind's type. */
    abstract R cast(Object record);

    abstract R read(ResultSet rs) throws SQLException;

    abstract String sid(R record);

    abstract RecordStatus status(R record);

    abstract Instant dateUpdated(R record);

    /** The record after {@code event}; the record itself when the event repeats its status. */
    abstract R moved(R record, StatusEvent event);

    /**
     * Writes the fields a move may change to each record's row, with one statement per chunk: the
     * new values are joined in as a derived table, so the server parses and plans once, not once
     * per row as a batch of single-row updates makes it.
     */
    final void updateAll(Connection c, List<R> records) throws SQLException {
        List<String> changing = changingColumns();
        for (int from = 0; from < records.size(); from += ROWS_PER_INSERT) {
            List<R> chunk = records.subList(from, Math.min(records.size(), from + ROWS_PER_INSERT));
            StringBuilder rows = new StringBuilder("SELECT ? AS sid");
            changing.forEach(column -> rows.append(", ? AS ").append(column));
            String next = " UNION ALL SELECT ?" + ", ?".repeat(changing.size());
            rows.append(next.repeat(chunk.size() - 1));
            // the new values first, then each row by its key: the other order scans the table and
            // waits for rows other transactions hold, which deadlocks with them
            StringBuilder sql = new StringBuilder("UPDATE (").append(rows).append(") v STRAIGHT_JOIN ").append(table)
                    .append(" t FORCE INDEX (").append(sidIndex()).append(") ON t.sid = v.sid SET ");
            sql.append(String.join(", ", changing.stream().map(column -> "t." + column + " = v." + column).toList()));
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (R record : chunk) {
                    ps.setString(i++, sid(record));
                    i = bindChanging(ps, i, record);
                }
                ps.executeUpdate();
            }
        }
    }

    /** The columns a move may change. */
    abstract List<String> changingColumns();

    /** Binds the values of {@link #changingColumns} from parameter {@code first}; returns the next free parameter. */
    abstract int bindChanging(PreparedStatement ps, int first, R record) throws SQLException;

    static RecordKind<?> of(StatusEvent event) {
        return event.isCall() ? CALLS : MESSAGES;
    }

    /** Times are stored as UTC DATETIME(6), as the shared row mapping does. */
    static LocalDateTime time(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static final class Calls extends RecordKind<Call> {
        Calls() {
            super("call", "calls", CallRows.COLUMNS, CallRows.PLACEHOLDERS, CallRows.COUNT);
        }

        void bindRow(PreparedStatement ps, int first, Call call) throws SQLException {
            CallRows.bind(ps, first, call);
        }

        Call cast(Object record) {
            return (Call) record;
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
            return call.after(event);
        }

        List<String> changingColumns() {
            return List.of("status", "answered_by", "start_time", "end_time", "duration", "date_updated");
        }

        int bindChanging(PreparedStatement ps, int first, Call call) throws SQLException {
            int i = first;
            ps.setString(i++, call.status().wire());
            ps.setString(i++, call.answeredBy());
            ps.setObject(i++, time(call.startTime()));
            ps.setObject(i++, time(call.endTime()));
            ps.setObject(i++, call.duration());
            ps.setObject(i++, time(call.dateUpdated()));
            return i;
        }
    }

    private static final class Messages extends RecordKind<Message> {
        Messages() {
            super("message", "messages", MessageRows.COLUMNS, MessageRows.PLACEHOLDERS, MessageRows.COUNT);
        }

        void bindRow(PreparedStatement ps, int first, Message message) throws SQLException {
            MessageRows.bind(ps, first, message);
        }

        Message cast(Object record) {
            return (Message) record;
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
            return message.after(event);
        }

        List<String> changingColumns() {
            return List.of("status", "error_code", "error_message", "date_sent", "date_updated");
        }

        int bindChanging(PreparedStatement ps, int first, Message message) throws SQLException {
            int i = first;
            ps.setString(i++, message.status().wire());
            ps.setObject(i++, message.errorCode());
            ps.setString(i++, message.errorMessage());
            ps.setObject(i++, time(message.dateSent()));
            ps.setObject(i++, time(message.dateUpdated()));
            return i;
        }
    }
}

package io.flightpath.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.Cursor;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.RecordStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The SQL of one record kind on one connection to a database of the record schema (a post-flight
 * shard, or the legacy database, whose rows have no shard key): idempotent inserts, reads, keyset
 * pages, updates and deletes, each limited to one account's rows. Stateless and thread-safe.
 */
public final class RecordTable<T> {
    /** Calls on a post-flight shard. */
    public static final RecordTable<Call> CALLS = new RecordTable<>("calls", "call", CallRows.COLUMNS,
            CallRows.PLACEHOLDERS, CallRows.COUNT, CallRows::bind, CallRows::read,
            Call::accountSid, c -> c.sid().value(), Call::status, Cursor::of, Micros::call, UsageLedger.CALLS);
    /** Messages on a post-flight shard. */
    public static final RecordTable<Message> MESSAGES = new RecordTable<>("messages", "message", MessageRows.COLUMNS,
            MessageRows.PLACEHOLDERS, MessageRows.COUNT, MessageRows::bind, MessageRows::read,
            Message::accountSid, m -> m.sid().value(), Message::status, Cursor::of, Micros::message, UsageLedger.MESSAGES);
    /** Calls in the legacy shape: the same row without a shard key. */
    public static final RecordTable<Call> UNKEYED_CALLS = new RecordTable<>("calls", "call", CallRows.UNKEYED_COLUMNS,
            CallRows.UNKEYED_PLACEHOLDERS, CallRows.UNKEYED_COUNT, CallRows::bindUnkeyed, CallRows::read,
            Call::accountSid, c -> c.sid().value(), Call::status, Cursor::of, Micros::call, UsageLedger.CALLS);
    /** Messages in the legacy shape. */
    public static final RecordTable<Message> UNKEYED_MESSAGES = new RecordTable<>("messages", "message",
            MessageRows.UNKEYED_COLUMNS, MessageRows.UNKEYED_PLACEHOLDERS, MessageRows.UNKEYED_COUNT,
            MessageRows::bindUnkeyed, MessageRows::read,
            Message::accountSid, m -> m.sid().value(), Message::status, Cursor::of, Micros::message, UsageLedger.MESSAGES);

    // 500 rows of at most 24 columns stay far below MariaDB's 65,535 placeholders per statement.
    private static final int ROWS_PER_INSERT = 500;

    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, int first, T record) throws SQLException;
    }

    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final String table;
    private final String noun;
    private final String columns;
    private final String placeholders;
    private final int columnCount;
    private final Binder<T> binder;
    private final Reader<T> reader;
    private final Function<T, AccountSid> account;
    private final Function<T, String> sid;
    private final Function<T, RecordStatus> status;
    private final Function<T, Cursor> cursor;
    private final UnaryOperator<T> toStored;
    private final UsageLedger ledger;

    private RecordTable(String table, String noun, String columns, String placeholders, int columnCount,
                        Binder<T> binder, Reader<T> reader, Function<T, AccountSid> account, Function<T, String> sid,
                        Function<T, RecordStatus> status, Function<T, Cursor> cursor, UnaryOperator<T> toStored,
                        UsageLedger ledger) {
        this.table = table;
        this.noun = noun;
        this.columns = columns;
        this.placeholders = placeholders;
        this.columnCount = columnCount;
        this.binder = binder;
        this.reader = reader;
        this.account = account;
        this.sid = sid;
        this.status = status;
        this.cursor = cursor;
        this.toStored = toStored;
        this.ledger = ledger;
    }

    public AccountSid account(T record) {
        return account.apply(record);
    }

    /** The record as a shard keeps it (times cut to microseconds); INVALID_ARGUMENT unless it is post-flight. */
    public T checkedForStorage(T record) {
        RecordStatus s = status.apply(record);
        if (!s.isPostFlight()) {
            throw FlightpathException.invalid("%s %s is %s, not in a post-flight status: only finished records are stored",
                    noun, sid.apply(record), s.wire());
        }
        return toStored.apply(record);
    }

    /** Inserts the records; one whose SID is already present is left unchanged, so a retried batch never doubles a row. */
    public void insert(Connection c, List<T> records) throws SQLException {
        for (int from = 0; from < records.size(); from += ROWS_PER_INSERT) {
            List<T> chunk = records.subList(from, Math.min(records.size(), from + ROWS_PER_INSERT));
            // Not INSERT IGNORE, which would also hide bad data; and not a REPLACE, because the
            // online split replicates rows between shards where the local id differs.
            String sql = "INSERT INTO " + table + " (" + columns + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), "(" + placeholders + ")"))
                    + " ON DUPLICATE KEY UPDATE id = id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    binder.bind(ps, 1 + i * columnCount, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
    }

    public Optional<T> find(Connection c, AccountSid owner, String recordSid) throws SQLException {
        String sql = "SELECT " + columns + " FROM " + table + " WHERE account_sid = ? AND sid = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner.value());
            ps.setString(2, recordSid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        }
    }

    /** One page, newest first, of the rows that {@code where} selects (it must already hold the page's cursor). */
    public Page<T> page(Connection c, Conditions where, PageRequest page) throws SQLException {
        String sql = "SELECT " + columns + " FROM " + table + " WHERE " + where.sql()
                + " ORDER BY date_created DESC, sid DESC LIMIT ?";
        List<T> rows = new ArrayList<>(page.size() + 1);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            // one row more than asked says whether a next page exists without a second query
            ps.setInt(where.bind(ps), page.size() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        }
        if (rows.size() <= page.size()) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, page.size());
        return new Page<>(items, cursor.apply(items.getLast()));
    }

    /**
     * Applies {@code assignments} (SQL of this package, such as "price = ?") to one row of the
     * account and returns the row as it now is; NOT_FOUND when the account has no such record.
     */
    public T update(Connection c, AccountSid owner, String recordSid, String assignments, Object... values) throws SQLException {
        String sql = "UPDATE " + table + " SET " + assignments + " WHERE account_sid = ? AND sid = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setString(i++, owner.value());
            ps.setString(i, recordSid);
            ps.executeUpdate();
        }
        // read back rather than trust the update count: an update to equal values counts 0 rows
        return find(c, owner, recordSid).orElseThrow(() -> FlightpathException.notFound(
                "no %s %s in account %s", noun, recordSid, owner));
    }

    /**
     * Deletes the account's record and keeps its usage in the {@link UsageLedger}, in the caller's
     * transaction, so billing sees the same usage after as before; false when there is no such record.
     */
    public boolean delete(Connection c, AccountSid owner, String recordSid) throws SQLException {
        return ledger.delete(c, owner, recordSid);
    }
}

package io.flightpath.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.CallQuery;
import io.flightpath.core.MessageQuery;
import io.flightpath.core.Cursor;
import io.flightpath.core.TimeRange;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of one account's listing: only filters that are set add a condition, and the
 * values are bound in the order they were added. Column names come from the store code, never
 * from a request. Not thread-safe; build one per query.
 */
public final class Conditions {
    private final List<String> clauses = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    private Conditions() {
    }

    /** Every listing starts here: an account never sees another's rows. */
    public static Conditions of(AccountSid account) {
        return new Conditions().equal("account_sid", account.value());
    }

    /** The rows a call listing's filters select (without a page's cursor). */
    public static Conditions of(CallQuery query) {
        return of(query.account())
                .equal("to_number", query.to())
                .equal("from_number", query.from())
                .equal("parent_call_sid", query.parentCallSid() == null ? null : query.parentCallSid().value())
                .equal("status", query.status() == null ? null : query.status().wire())
                .within("start_time", query.startTime())
                .within("end_time", query.endTime());
    }

    /** The rows a message listing's filters select (without a page's cursor). */
    public static Conditions of(MessageQuery query) {
        return of(query.account())
                .equal("to_number", query.to())
                .equal("from_number", query.from())
                .within("date_sent", query.dateSent());
    }

    /** {@code column} is one of {@code values}; a list of one or more column values of the store's own choosing. */
    public Conditions in(String column, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN condition needs at least one value");
        }
        clauses.add(column + " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")");
        this.values.addAll(values);
        return this;
    }

    /** {@code column = value}, or nothing when {@code value} is null. */
    public Conditions equal(String column, Object value) {
        if (value != null) {
            clauses.add(column + " = ?");
            values.add(value);
        }
        return this;
    }

    /** The column lies in the range; comparisons with NULL are never true, so a null column never matches a bound. */
    public Conditions within(String column, TimeRange range) {
        if (range.from() != null) {
            clauses.add(column + " >= ?");
            values.add(Micros.bound(range.from()));
        }
        if (range.to() != null) {
            clauses.add(column + " < ?");
            values.add(Micros.bound(range.to()));
        }
        return this;
    }

    /** Rows strictly below the cursor in the order date_created DESC, sid DESC; nothing when null. */
    public Conditions below(Cursor cursor) {
        if (cursor != null) {
            clauses.add("(date_created < ? OR (date_created = ? AND sid < ?))");
            // a cursor is the key of a stored row, so its time is already whole microseconds
            values.add(Micros.stored(cursor.dateCreated()));
            values.add(Micros.stored(cursor.dateCreated()));
            values.add(cursor.sid());
        }
        return this;
    }

    public String sql() {
        return String.join(" AND ", clauses);
    }

    /** Binds the values from parameter 1 and returns the index of the next free parameter. */
    public int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object value : values) {
            ps.setObject(i++, value);
        }
        return i;
    }
}

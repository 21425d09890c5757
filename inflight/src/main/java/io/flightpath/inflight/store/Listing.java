package io.flightpath.inflight.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Cursor;
import io.flightpath.core.Page;
import io.flightpath.core.PageRequest;
import io.flightpath.core.TimeRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One newest-first, keyset-paged listing of an account's rows: filters are added as SQL
 * conditions (null values do not filter), then {@link #page} reads one page. Not thread-safe;
 * build one per request.
 */
final class Listing<R> {
    private final RecordKind<R> kind;
    private final StringBuilder where = new StringBuilder("account_sid = ?");
    private final List<Object> params = new ArrayList<>();

    Listing(RecordKind<R> kind, AccountSid account) {
        this.kind = kind;
        params.add(account.value());
    }

    Listing<R> equal(String column, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
        return this;
    }

    /** Same rule as {@link TimeRange#contains}: a NULL column lies only in the open range. */
    Listing<R> within(String column, TimeRange range) {
        if (range.from() != null) {
            where.append(" AND ").append(column).append(" >= ?");
            params.add(RecordKind.time(range.from()));
        }
        if (range.to() != null) {
            where.append(" AND ").append(column).append(" < ?");
            params.add(RecordKind.time(range.to()));
        }
        return this;
    }

    Page<R> page(Connection c, PageRequest page, Function<R, Cursor> cursorOf) throws SQLException {
        Cursor after = page.after();
        if (after != null) {
            where.append(" AND (date_created < ? OR (date_created = ? AND sid < ?))");
            params.add(RecordKind.time(after.dateCreated()));
            params.add(RecordKind.time(after.dateCreated()));
            params.add(after.sid());
        }
        // one row more than asked tells whether a next page exists
        String sql = "SELECT * FROM " + kind.table() + " WHERE " + where + " ORDER BY date_created DESC, sid DESC LIMIT ?";
        List<R> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int next = InList.bind(ps, 1, params);
            ps.setInt(next, page.size() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(kind.read(rs));
                }
            }
        }
        if (items.size() <= page.size()) {
            return new Page<>(items, null);
        }
        List<R> shown = items.subList(0, page.size());
        return new Page<>(shown, cursorOf.apply(shown.getLast()));
    }
}

package io.flightpath.store;

import io.flightpath.core.AccountSid;
import io.flightpath.core.ShardKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code usage_ledger} of one record kind: what billing needs of a record (its day, minutes or
 * segments, price) kept when the record is deleted, in the delete's transaction, so that deleting
 * a record's log never lowers the usage it was billed. Once per SID. Stateless and thread-safe.
 */
public final class UsageLedger {
    static final UsageLedger CALLS = new UsageLedger("calls", "call", "COALESCE(CEIL(duration / 60), 0)");
    static final UsageLedger MESSAGES = new UsageLedger("messages", "message", "num_segments");

    private static final String KEEP = "INSERT INTO usage_ledger "
            + "(sid, account_sid, shard_key, kind, date_created, units, price, price_unit, deleted_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE id = id";

    private final String kind;
    private final String delete;

    /** {@code units} is the SQL of the record's billed units, the same as {@link DailyUsage} sums. */
    private UsageLedger(String table, String kind, String units) {
        this.kind = kind;
        // RETURNING reads the row as it goes under the delete's own exclusive lock: a read first
        // would take a shared lock that two deletes of one SID could each hold and deadlock on
        this.delete = "DELETE FROM " + table + " WHERE account_sid = ? AND sid = ? RETURNING date_created, "
                + units + " AS units, price, price_unit";
    }

    /** The word of this kind in the ledger's {@code kind} column. */
    String kind() {
        return kind;
    }

    /**
     * Deletes the account's record {@code sid} and keeps its usage in the ledger, in the caller's
     * transaction; false when the account has no such record. The key is computed here, not read:
     * the legacy tables have this ledger too, and may not have the key column yet.
     */
    boolean delete(Connection c, AccountSid owner, String sid) throws SQLException {
        try (PreparedStatement del = c.prepareStatement(delete)) {
            del.setString(1, owner.value());
            del.setString(2, sid);
            try (ResultSet rs = del.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                try (PreparedStatement keep = c.prepareStatement(KEEP)) {
                    keep.setString(1, sid);
                    keep.setString(2, owner.value());
                    Columns.setUnsigned(keep, 3, ShardKey.of(owner));
                    keep.setString(4, kind);
                    keep.setObject(5, rs.getObject("date_created"));
                    keep.setLong(6, rs.getLong("units"));
                    keep.setBigDecimal(7, rs.getBigDecimal("price"));
                    keep.setString(8, rs.getString("price_unit"));
                    keep.executeUpdate();
                }
                return true;
            }
        }
    }
}

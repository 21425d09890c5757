package io.flightpath.bench;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.ShardKey;
import io.flightpath.store.CallRows;
import io.flightpath.store.Database;
import io.flightpath.core.sharding.KeyRange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The router benchmark's baseline: the store's SQL on the same pools, with the shard picked by
 * the caller from the shard key (lower half on one database, upper half on the other) and no
 * map, lease or write session. Thread-safe.
 */
final class PlainJdbc {
    private static final KeyRange UPPER = KeyRange.FULL.upperHalf();
    private static final String FIND = "SELECT " + CallRows.COLUMNS + " FROM calls WHERE account_sid = ? AND sid = ?";
    private static final String PAGE = "SELECT " + CallRows.COLUMNS + " FROM calls WHERE account_sid = ?"
            + " ORDER BY date_created DESC, sid DESC LIMIT ?";

    private final Database lower;
    private final Database upper;

    PlainJdbc(Database lower, Database upper) {
        this.lower = lower;
        this.upper = upper;
    }

    private Database shardOf(AccountSid account) {
        return UPPER.contains(ShardKey.of(account)) ? upper : lower;
    }

    Optional<Call> call(AccountSid account, CallSid sid) {
        return shardOf(account).read(c -> {
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setString(1, account.value());
                ps.setString(2, sid.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(CallRows.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The newest {@code size} calls of the account; one row more is read, as the store does to find the next page. */
    List<Call> newest(AccountSid account, int size) {
        return shardOf(account).read(c -> {
            List<Call> rows = new ArrayList<>(size + 1);
            try (PreparedStatement ps = c.prepareStatement(PAGE)) {
                ps.setString(1, account.value());
                ps.setInt(2, size + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(CallRows.read(rs));
                    }
                }
            }
            return rows.size() <= size ? rows : rows.subList(0, size);
        });
    }

    /** Inserts the calls, one transaction per shard, idempotent by SID as the store's insert is. */
    void insert(List<Call> calls) {
        Map<Database, List<Call>> byShard = new LinkedHashMap<>();
        for (Call call : calls) {
            byShard.computeIfAbsent(shardOf(call.accountSid()), d -> new ArrayList<>()).add(call);
        }
        byShard.forEach((db, rows) -> db.transaction(c -> {
            String sql = "INSERT INTO calls (" + CallRows.COLUMNS + ") VALUES "
                    + String.join(", ", Collections.nCopies(rows.size(), "(" + CallRows.PLACEHOLDERS + ")"))
                    + " ON DUPLICATE KEY UPDATE id = id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < rows.size(); i++) {
                    CallRows.bind(ps, 1 + i * CallRows.COUNT, rows.get(i));
                }
                ps.executeUpdate();
            }
            return null;
        }));
    }
}

package io.flightpath.split.replication;

import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.schema.KeyedTable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

/** How many rows and distinct accounts of a key range a shard's keyed tables hold, as index range scans on their key. */
public record RangeStats(long rows, long accounts) {

    public static RangeStats of(ShardServer server, KeyRange range) {
        return server.onDatabase("count " + range, c -> {
            long rows = 0;
            Set<String> accounts = new HashSet<>();
            for (KeyedTable table : server.keyedTables().tables()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT account_sid, COUNT(*) FROM " + Sql.identifier(table.name())
                        + " WHERE " + Sql.identifier(table.keyColumn()) + " BETWEEN ? AND ? GROUP BY account_sid")) {
                    Sql.setUnsigned(ps, 1, range.start());
                    Sql.setUnsigned(ps, 2, range.end());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            accounts.add(rs.getString(1));
                            rows += rs.getLong(2);
                        }
                    }
                }
            }
            return new RangeStats(rows, accounts.size());
        });
    }
}

package io.flightpath.postflight;

import io.flightpath.postflight.routing.SingleShardRouter;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.flightpath.postflight.store.PostflightShards;
import io.flightpath.store.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fresh post-flight shard database on the shared test cluster with the real store over it, for
 * tests that must see the rows the store keeps (one per SID, or more). Close it when done.
 */
public record TestPostflight(PostflightShards shards, MariaDbPostflightStore store) implements AutoCloseable {
    private static final Set<String> RECORD_TABLES = Set.of("calls", "messages");

    /** A new database on the test cluster's shard0 server, named after {@code prefix}. */
    public static TestPostflight open(String prefix) {
        PostflightShards shards = PostflightShards.open(Map.of("shard0", TestDatabases.fresh("shard0", prefix)));
        return new TestPostflight(shards, new MariaDbPostflightStore(new SingleShardRouter(shards.shard("shard0"))));
    }

    /** How many rows each SID has in the shard's {@code calls} or {@code messages} table. */
    public Map<String, Long> rowsPerSid(String table) {
        if (!RECORD_TABLES.contains(table)) {
            throw new IllegalArgumentException("table must be one of " + RECORD_TABLES + ", was " + table);
        }
        return shards.shard("shard0").database().read(c -> {
            Map<String, Long> rows = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sid, COUNT(*) FROM " + table + " GROUP BY sid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
            return rows;
        });
    }

    /** One row for each of these SIDs and no other: what the table must hold after a handoff without doubling. */
    public static Map<String, Long> oneRowEach(List<String> sids) {
        Map<String, Long> rows = new HashMap<>();
        sids.forEach(sid -> rows.put(sid, 1L));
        return rows;
    }

    @Override
    public void close() {
        shards.close();
    }
}

package io.flightpath.split.replication;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.postflight.schema.ShardSchema;
import io.flightpath.store.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Shard databases filled with generated call and message rows for the split's tests. Rows of
 * number n belong to one of 97 accounts, whose shard keys spread over the whole unsigned range
 * (top bit included); the content of every column depends on n only.
 */
final class ShardRows {
    static final int ACCOUNTS = 97;

    private ShardRows() {
    }

    /** A new shard database with the record schema on {@code server}, named like no other test's. */
    static ShardServer freshShard(String server) {
        DatabaseConfig config = TestDatabases.fresh(server, "split");
        try (Database db = Database.open(server, config, ShardSchema.MIGRATIONS)) {
            return new ShardServer(server, db.config());
        }
    }

    /** The same database name on another server of the test cluster; nothing is created. */
    static ShardServer sameDatabaseOn(String server, ShardServer other) {
        return on(SharedCluster.server(server), other.database());
    }

    /** The shard database {@code database} on a server of the test cluster. */
    static ShardServer on(ServerSpec spec, String database) {
        DbCredentials login = SharedCluster.credentials();
        return new ShardServer(spec.name(), new DatabaseConfig(spec.host(), spec.port(), database, login.user(), login.password(), 1));
    }

    /** Inserts calls and messages numbered first..last (inclusive), in statements of at most 100,000 rows. */
    static void insert(ShardServer shard, long first, long last) {
        shard.onDatabase("inserting test rows", c -> {
            for (long from = first; from <= last; from += 100_000) {
                long to = Math.min(last, from + 99_999);
                execute(c, "INSERT INTO calls (sid, account_sid, shard_key, to_number, from_number, status, direction, duration, "
                        + "price, price_unit, date_created, date_updated) SELECT " + sid("CA") + ", " + account() + ", " + key()
                        + ", '+14155550100', '+14155550199', 'completed', 'outbound-api', seq MOD 600, -0.017 * (seq MOD 7), "
                        + "'USD', '2025-01-02 03:04:05.123456' + INTERVAL seq SECOND, '2025-01-02 03:04:05.123456' + INTERVAL seq SECOND "
                        + "FROM seq_" + from + "_to_" + to);
                execute(c, "INSERT INTO messages (sid, account_sid, shard_key, to_number, from_number, body, num_segments, num_media, "
                        + "status, direction, date_created, date_updated) SELECT " + sid("SM") + ", " + account() + ", " + key()
                        + ", '+14155550100', '+14155550199', CONCAT('message ', seq, ' ', REPEAT('x', seq MOD 200)), 1, 0, "
                        + "'delivered', 'outbound-api', '2025-01-02 03:04:05' + INTERVAL seq SECOND, '2025-01-02 03:04:05' + INTERVAL seq SECOND "
                        + "FROM seq_" + from + "_to_" + to);
            }
            return null;
        });
    }

    /** Inserts call number n on an open connection, in its own transaction. */
    static void insertCall(Connection c, long n) throws SQLException {
        execute(c, "INSERT INTO calls (sid, account_sid, shard_key, to_number, from_number, status, direction, date_created, date_updated) "
                + "SELECT " + sid("CA") + ", " + account() + ", " + key() + ", '+1', '+2', 'completed', 'inbound', NOW(6), NOW(6) "
                + "FROM seq_" + n + "_to_" + n);
    }

    /** Inserts call number n on {@code shard}, in its own transaction. */
    static void insertCall(ShardServer shard, long n) {
        shard.onDatabase("inserting a call", c -> {
            insertCall(c, n);
            return null;
        });
    }

    /** Changes the content of call number n, if it exists. */
    static void touchCall(Connection c, long n) throws SQLException {
        execute(c, "UPDATE calls SET date_updated = NOW(6), status = 'busy' WHERE sid = (SELECT " + sid("CA") + " FROM seq_" + n + "_to_" + n + ")");
    }

    static long count(ShardServer shard, String table) {
        return shard.onDatabase("counting", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static void drop(ShardServer shard) {
        shard.execute("dropping a test database", "SET SESSION sql_log_bin = 0", "DROP DATABASE IF EXISTS `" + shard.database() + "`");
    }

    private static String sid(String prefix) {
        return "CONCAT('" + prefix + "', LPAD(HEX(seq), 32, '0'))";
    }

    private static String account() {
        return "CONCAT('AC', LPAD(HEX(seq MOD " + ACCOUNTS + "), 32, '0'))";
    }

    private static String key() {
        return "CAST(CONV(LEFT(MD5(" + account() + "), 16), 16, 10) AS UNSIGNED)";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

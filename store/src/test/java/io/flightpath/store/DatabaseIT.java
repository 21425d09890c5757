package io.flightpath.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.Message;
import io.flightpath.core.MessageSid;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.ShardKey;
import io.flightpath.store.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedCluster.class)
class DatabaseIT {
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");

    @Test
    void openCreatesTheDatabaseAndAppliesTheRecordSchemaOnce() {
        DatabaseConfig config = TestDatabases.fresh("shard0", "records");
        try (Database first = Database.open("shard0", config, List.of(Migrations.RECORDS))) {
            first.transaction(c -> c.createStatement().executeUpdate("INSERT INTO calls (" + CallRows.COLUMNS + ") SELECT "
                    + "'CA00000000000000000000000000000001', 'AC00000000000000000000000000000001', 1, NULL, '+1', '+2', NULL, NULL, NULL,"
                    + " 'queued', 'outbound-api', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NOW(6), NOW(6)"));
        }
        try (Database again = Database.open("shard0", config, List.of(Migrations.RECORDS))) {
            int applied = again.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_records_history WHERE success")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            int calls = again.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM calls")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(applied).isEqualTo(1);
            assertThat(calls).isEqualTo(1);
        }
    }

    @Test
    void nodesOpeningAFreshDatabaseAtOnceAllSucceedAndApplyEachScriptOnce() throws Exception {
        // post-flight nodes start side by side and each opens (and migrates) the same fresh shard;
        // the race is between their first statements, so a few fresh shards give it a chance
        for (int round = 0; round < 5; round++) {
            openAtOnce(TestDatabases.fresh("shard0", "records"), List.of(Migrations.RECORDS, Migrations.LEDGER));
        }
    }

    private static void openAtOnce(DatabaseConfig config, List<Migrations> sets) throws Exception {
        int nodes = 4;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(nodes);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(nodes)) {
            List<java.util.concurrent.Future<Integer>> opened = new java.util.ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                opened.add(pool.submit(() -> {
                    together.await();
                    try (Database db = Database.open("shard0", config, sets)) {
                        return db.read(c -> {
                            try (ResultSet rs = c.createStatement().executeQuery(
                                    "SELECT (SELECT COUNT(*) FROM flyway_records_history WHERE success AND type = 'SQL')"
                                            + " + (SELECT COUNT(*) FROM flyway_ledger_history WHERE success AND type = 'SQL')")) {
                                rs.next();
                                return rs.getInt(1);
                            }
                        });
                    }
                }));
            }
            for (var f : opened) {
                assertThat(f.get()).isEqualTo(scriptsIn(sets));
            }
        }
    }

    private static int scriptsIn(List<Migrations> sets) throws Exception {
        int n = 0;
        for (Migrations m : sets) {
            try (var dir = java.nio.file.Files.list(java.nio.file.Path.of(DatabaseIT.class.getClassLoader().getResource(m.location()).toURI()))) {
                n += (int) dir.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
            }
        }
        return n;
    }

    @Test
    void aSecondMigrationSetAppliesOnTopOfTheRecordSchemaWithItsOwnHistory() {
        Migrations extra = new Migrations("db/testextra", "flyway_testextra_history");
        DatabaseConfig config = TestDatabases.fresh("shard0", "records");
        try (Database db = Database.open("shard0", config, List.of(Migrations.RECORDS, extra))) {
            db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO extra_rows (id) VALUES (1)"));
        }
        try (Database again = Database.open("shard0", config, List.of(Migrations.RECORDS, extra))) {
            int rows = again.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM extra_rows")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void aCallSurvivesTheRowMappingUnchangedWithItsUnsignedShardKey() {
        AccountSid account = accountWithTopBitKey();
        Call call = new Call(CallSid.random(), account, CallSid.random(), "+14155550100", "+14155550199",
                "(415) 555-0100", "(415) 555-0199", "PN0123456789abcdef0123456789abcdef", CallStatus.COMPLETED,
                Direction.OUTBOUND_API, "human", "Ada", "+14155550111", T0, T0.plusSeconds(61), 61,
                new BigDecimal("-0.01700"), "USD", 120L, null, null, T0, T0.plusSeconds(61));
        try (Database db = Database.open("shard0", TestDatabases.fresh("shard0", "records"), List.of(Migrations.RECORDS))) {
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (" + CallRows.COLUMNS + ") VALUES (" + CallRows.PLACEHOLDERS + ")")) {
                    CallRows.bind(ps, 1, call);
                    return ps.executeUpdate();
                }
            });
            Call read = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM calls")) {
                    rs.next();
                    return CallRows.read(rs);
                }
            });
            String storedKey = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT CAST(shard_key AS CHAR) FROM calls")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(read).isEqualTo(call);
            assertThat(storedKey).isEqualTo(Long.toUnsignedString(ShardKey.of(account)));
        }
    }

    @Test
    void aMessageSurvivesTheRowMappingUnchanged() {
        Message message = new Message(MessageSid.random(), AccountSid.random(), "+14155550100", "+14155550199",
                "héllo ✓ ' \" ; DROP TABLE messages", 1, 0, MessageStatus.DELIVERED, Direction.OUTBOUND_API, null,
                null, null, new BigDecimal("-0.00750"), "USD", T0, T0.plusSeconds(2), T0.plusSeconds(1));
        try (Database db = Database.open("shard1", TestDatabases.fresh("shard1", "records"), List.of(Migrations.RECORDS))) {
            db.transaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (" + MessageRows.COLUMNS + ") VALUES (" + MessageRows.PLACEHOLDERS + ")")) {
                    MessageRows.bind(ps, 1, message);
                    return ps.executeUpdate();
                }
            });
            Message read = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM messages")) {
                    rs.next();
                    return MessageRows.read(rs);
                }
            });
            assertThat(read).isEqualTo(message);
        }
    }

    @Test
    void aDuplicateSidIsAConflictAndTheTransactionRollsBack() {
        try (Database db = Database.open("shard0", TestDatabases.fresh("shard0", "records"), List.of(Migrations.RECORDS))) {
            String insert = "INSERT INTO calls (" + CallRows.COLUMNS + ") SELECT "
                    + "'CA00000000000000000000000000000001', 'AC00000000000000000000000000000001', 1, NULL, '+1', '+2', NULL, NULL, NULL,"
                    + " 'queued', 'outbound-api', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NOW(6), NOW(6)";

            assertThatThrownBy(() -> db.transaction(c -> {
                c.createStatement().executeUpdate(insert);
                return c.createStatement().executeUpdate(insert);
            })).isInstanceOf(FlightpathException.class)
                    .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.CONFLICT));

            int calls = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM calls")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(calls).isZero();
        }
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        DatabaseConfig nowhere = new DatabaseConfig("127.0.0.1", 1, "records", "flightpath", "x", 1);

        assertThatThrownBy(() -> Database.open("nowhere", nowhere, List.of(Migrations.RECORDS)))
                .isInstanceOf(FlightpathException.class)
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("127.0.0.1:1");
    }

    private static AccountSid accountWithTopBitKey() {
        while (true) {
            AccountSid candidate = AccountSid.random();
            if (ShardKey.of(candidate) < 0) {
                return candidate;
            }
        }
    }

    @Test
    void aTransactionChosenAsADeadlocksVictimIsRunAgainAndCommitsWhileAPlainOneFails() throws Exception {
        DatabaseConfig config = TestDatabases.fresh("shard0", "records");
        try (Database db = Database.open("shard0", config, List.of())) {
            db.transaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)"));
            db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO t SELECT seq, 0 FROM seq_1_to_200"));
            java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch heldByOther = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch heldByMe = new java.util.concurrent.CountDownLatch(1);
            // the other transaction changes many rows, so that InnoDB picks the small one as the victim
            Thread other = Thread.ofPlatform().start(() -> {
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
                    c.setAutoCommit(false);
                    c.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id >= 2");
                    heldByOther.countDown();
                    heldByMe.await();
                    c.createStatement().executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
                    c.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int updated = db.transactionRetryingDeadlocks(c -> {
                c.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 1");
                if (attempts.incrementAndGet() == 1) {
                    heldByMe.countDown();
                    try {
                        heldByOther.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return c.createStatement().executeUpdate("UPDATE t SET v = v + 10 WHERE id = 2");
            });
            other.join();
            assertThat(updated).isOne();
            assertThat(attempts).as("runs of the victim's work").hasValue(2);
            int[] v = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT v FROM t WHERE id = 1), (SELECT v FROM t WHERE id = 2)")) {
                    rs.next();
                    return new int[] {rs.getInt(1), rs.getInt(2)};
                }
            });
            assertThat(v).as("both transactions' changes, each once").containsExactly(11, 11);
        }
    }

    @Test
    void warmOpensTheConnectionsAtOnceAndTheyStayInThePool() {
        DatabaseConfig config = TestDatabases.fresh("shard0", "warm");
        try (Database db = Database.open("warm", config, List.of(Migrations.RECORDS))) {
            db.warm(6);
            // counted by the server, through one of the pool's own connections
            int open = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ?")) {
                    ps.setString(1, config.database());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1);
                    }
                }
            });
            assertThat(open).as("the pool keeps 2 idle connections unless warmed").isGreaterThanOrEqualTo(6);
        }
    }
}

package io.flightpath.legacy.rekey;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.MessageStatus;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.testing.TestDatabases;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fresh legacy database on the shared test cluster, holding finished calls and messages of many
 * accounts (inserted as handed-off history) and a few calls still in flight, all without a key.
 */
final class SeededLegacy implements AutoCloseable {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    final DatabaseConfig config = TestDatabases.fresh("shard0", "legacy");
    final Database db = Database.open("legacy", config, LegacyRecords.MIGRATIONS);
    final LegacyRecords records = new LegacyRecords(db, Clock.systemUTC());
    final List<AccountSid> accounts = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();

    /** {@code perKind} finished calls and as many finished messages, spread over {@code accountCount} accounts. */
    SeededLegacy(int accountCount, int perKind) {
        for (int i = 0; i < accountCount; i++) {
            accounts.add(AccountSid.random());
        }
        for (int i = 0; i < perKind; i++) {
            AccountSid account = accounts.get(i % accountCount);
            Instant at = T0.plusSeconds(i);
            calls.add(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null).create(at)
                    .withStatus(CallStatus.CANCELED, at.plusSeconds(1)));
            messages.add(new NewMessage(account, "+14155550100", "+14155550199", "history " + i, 0, null, Direction.OUTBOUND_API)
                    .create(at).withStatus(MessageStatus.CANCELED, at.plusSeconds(1)));
        }
        records.insertCalls(calls);
        records.insertMessages(messages);
        for (int i = 0; i < Math.min(20, accountCount); i++) {
            calls.add(records.createCall(new NewCall(accounts.get(i), "+14155550100", "+14155550199", Direction.OUTBOUND_API, null)));
        }
    }

    ShardKeyMigration migration(RekeySettings settings, Consumer<RekeyProgress> progress) {
        return new ShardKeyMigration(db, KeyedWriters.local(List.of(records)), settings, progress);
    }

    /** Settings for a small database: small batches, hardly any pause. */
    static RekeySettings quick() {
        return RekeySettings.defaults().withBatchRows(100).withPacing(RekeySettings.niceRatio(0.1));
    }

    long rows(String table) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** SHOW CREATE TABLE of each keyed table, without the AUTO_INCREMENT counter that differs between any two databases. */
    static Map<String, String> createStatements(Database db) {
        return db.read(c -> {
            Map<String, String> shapes = new java.util.TreeMap<>();
            for (String table : List.of("calls", "messages")) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + table)) {
                    rs.next();
                    shapes.put(table, rs.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", ""));
                }
            }
            return shapes;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}

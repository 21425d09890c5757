package io.flightpath.inflight.testing;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.inflight.store.MariaDbInflightStore;
import io.flightpath.inflight.store.WakeSignal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

/** A fresh in-flight database on the shared test cluster with a store on a clock the test moves. */
public record TestStore(Database db, MariaDbInflightStore store, MutableClock clock, SimpleMeterRegistry metrics,
                        WakeSignal wake) implements AutoCloseable {
    public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    public static TestStore open() {
        return open(GroupCommitConfig.DEFAULTS);
    }

    public static TestStore open(GroupCommitConfig config) {
        Database db = Database.open("inflight", TestDatabases.fresh("inflight", "inflight"), MariaDbInflightStore.MIGRATIONS);
        MutableClock clock = new MutableClock(START);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        WakeSignal wake = new WakeSignal();
        return new TestStore(db, new MariaDbInflightStore(db, clock, config, wake, metrics), clock, metrics, wake);
    }

    public Call newCall(AccountSid account) {
        return store.createCall(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
    }

    public Message newMessage(AccountSid account) {
        return store.createMessage(new NewMessage(account, "+14155550100", "+14155550199", "hello", 0, null, Direction.OUTBOUND_API));
    }

    /** Transactions the group committer has committed so far. */
    public long commits() {
        return (long) metrics.get("flightpath.inflight.commits").counter().count();
    }

    /** The single number a {@code SELECT COUNT(*) ...} returns. */
    public long count(String sql) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        store.close();
        db.close();
    }
}

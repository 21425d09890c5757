package io.flightpath.inflight.testing;

import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.inflight.handoff.HandoffRelay;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.inflight.store.MariaDbInflightStore;
import io.flightpath.inflight.store.WakeSignal;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

/**
 * A fresh in-flight database on the shared test cluster with a store on a clock the test moves.
 * The store hands records off one at a time, when asked, to {@code landed} through {@code relay},
 * which does not run on its own.
 */
public record TestStore(Database db, MariaDbInflightStore store, MutableClock clock, SimpleMeterRegistry metrics,
                        WakeSignal wake, HandoffRelay relay, RecordingPostflight landed) implements AutoCloseable {
    public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    public static TestStore open() {
        return open(GroupCommitConfig.DEFAULTS);
    }

    public static TestStore open(GroupCommitConfig config) {
        Database db = Database.open("inflight", TestDatabases.fresh("inflight", "inflight"), MariaDbInflightStore.MIGRATIONS);
        MutableClock clock = new MutableClock(START);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        WakeSignal wake = new WakeSignal();
        RecordingPostflight landed = new RecordingPostflight();
        HandoffRelay relay = new HandoffRelay(db, landed, HandoffConfig.DEFAULTS, wake, clock, metrics);
        return new TestStore(db, new MariaDbInflightStore(db, clock, config, wake, relay, metrics), clock, metrics, wake,
                relay, landed);
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
        relay.close();
        db.close();
    }
}

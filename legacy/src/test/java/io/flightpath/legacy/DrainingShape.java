package io.flightpath.legacy;

import io.flightpath.aggregator.Aggregator;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.Direction;
import io.flightpath.core.Message;
import io.flightpath.core.NewCall;
import io.flightpath.core.NewMessage;
import io.flightpath.inflight.api.InflightService;
import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.inflight.handoff.HandoffRelay;
import io.flightpath.inflight.store.GroupCommitConfig;
import io.flightpath.inflight.store.MariaDbInflightStore;
import io.flightpath.inflight.store.WakeSignal;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;

/**
 * The shape of phase SPLIT_INFLIGHT on the shared test cluster, in fresh databases: the legacy
 * tables with their in-flight and post-flight views, a dedicated in-flight store whose relay hands
 * off into the legacy tables (started only when a test asks), the draining store in front of both,
 * and the aggregator over the draining store and the legacy post-flight view.
 */
record DrainingShape(Database legacyDb, LegacyRecords records, LegacyInflightStore legacyInflight,
                     LegacyPostflightStore postflight, Database inflightDb, MariaDbInflightStore dedicated,
                     HandoffRelay relay, DrainingInflightStore store, Aggregator reads) implements AutoCloseable {

    static final HandoffConfig QUICK_RELAY = new HandoffConfig(50, 4, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofHours(24));

    static DrainingShape open(Clock clock) {
        Database legacyDb = Database.open("legacy", TestDatabases.fresh("shard0", "legacy"), LegacyRecords.MIGRATIONS);
        LegacyRecords records = new LegacyRecords(legacyDb, clock);
        LegacyInflightStore legacyInflight = new LegacyInflightStore(records);
        LegacyPostflightStore postflight = new LegacyPostflightStore(records);
        Database inflightDb = Database.open("inflight", TestDatabases.fresh("inflight", "inflight"), MariaDbInflightStore.MIGRATIONS);
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        WakeSignal wake = new WakeSignal();
        HandoffRelay relay = new HandoffRelay(inflightDb, postflight, QUICK_RELAY, wake, clock, metrics);
        MariaDbInflightStore dedicated = new MariaDbInflightStore(inflightDb, clock, GroupCommitConfig.DEFAULTS, wake, relay, metrics);
        DrainingInflightStore store = new DrainingInflightStore(dedicated, legacyInflight);
        return new DrainingShape(legacyDb, records, legacyInflight, postflight, inflightDb, dedicated, relay, store,
                new Aggregator(store, postflight));
    }

    static Call newCall(InflightService where, AccountSid account) {
        return where.createCall(new NewCall(account, "+14155550100", "+14155550199", Direction.OUTBOUND_API, null));
    }

    static Message newMessage(InflightService where, AccountSid account) {
        return where.createMessage(new NewMessage(account, "+14155550100", "+14155550199", "hello", 0, null, Direction.OUTBOUND_API));
    }

    /** How many rows of {@code table} in the legacy database carry {@code sid}: a handoff lands exactly once. */
    long legacyRows(String table, String sid) {
        return legacyDb.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE sid = ?")) {
                ps.setString(1, sid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void close() {
        relay.close();
        dedicated.close();
        inflightDb.close();
        legacyDb.close();
    }
}

package io.flightpath.postflight.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.core.AccountSid;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.ShardKey;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.store.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A routing node against a real control store and two real shards. */
@ExtendWith(SharedCluster.class)
class MapRouterIT {
    Database control;
    RoutingService routing;
    UnreachableRouting flaky;
    ShardPools pools;
    MapRouter router;
    ShardAddress a;
    ShardAddress b;

    @BeforeEach
    void start() {
        control = Database.open("control", TestDatabases.fresh("control", "routing"), List.of(MariaDbAccountStore.MIGRATIONS));
        routing = new MariaDbRoutingStore(control, Clock.systemUTC());
        flaky = new UnreachableRouting(routing);
        DatabaseConfig da = TestDatabases.fresh("shard0", "ra");
        DatabaseConfig db = TestDatabases.fresh("shard1", "rb");
        a = new ShardAddress("a", da.host(), da.port(), da.database());
        b = new ShardAddress("b", db.host(), db.port(), db.database());
        routing.initialize(List.of(a));
        routing.registerShard(b);
        pools = new ShardPools(da.user(), da.password(), 4);
        router = new MapRouter(flaky, pools, new RouterConfig("node-1", Duration.ofMillis(50), Duration.ofMillis(600), Duration.ofSeconds(3)),
                Clock.systemUTC(), new SimpleMeterRegistry()).start();
    }

    @AfterEach
    void stop() {
        router.close();
        pools.close();
        control.close();
    }

    static AccountSid accountInUpperHalf() {
        while (true) {
            AccountSid s = AccountSid.random();
            if (ShardKey.of(s) < 0) {
                return s;
            }
        }
    }

    @Test
    void aNewReadMapIsFollowedAndAcknowledged() {
        AccountSid upper = accountInUpperHalf();
        assertThat(router.forRead(upper).name()).isEqualTo("a");

        RoutingState now = routing.state();
        routing.publish(now.read().assign(KeyRange.FULL.upperHalf(), "b", false), null, false, "reads of the upper half to b");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(router.forRead(upper).name()).isEqualTo("b"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(routing.nodes())
                .anySatisfy(n -> {
                    assertThat(n.nodeId()).isEqualTo("node-1");
                    assertThat(n.readVersion()).isEqualTo(2);
                }));
        try (WriteSession w = router.openWrite(List.of(upper))) {
            assertThat(w.shardOf(upper).name()).as("writes have not moved").isEqualTo("a");
        }
    }

    @Test
    void aNewVersionIsNotAcknowledgedWhileAWriteRoutedByTheOldOneRuns() {
        AccountSid upper = accountInUpperHalf();
        WriteSession running = router.openWrite(List.of(upper));
        RoutingState now = routing.state();
        routing.publish(null, now.write().assign(KeyRange.FULL.upperHalf(), "b", false), false, "writes to b");

        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(routing.nodes()).allSatisfy(n -> assertThat(n.writeVersion()).isEqualTo(1)));

        running.close();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(routing.nodes()).allSatisfy(n -> assertThat(n.writeVersion()).isEqualTo(2)));
        try (WriteSession w = router.openWrite(List.of(upper))) {
            assertThat(w.shardOf(upper).name()).isEqualTo("b");
        }
    }

    @Test
    void aWriteToAFrozenRangeWaitsForTheMoveAndThenGoesToTheNewShard() throws Exception {
        AccountSid upper = accountInUpperHalf();
        RoutingState now = routing.state();
        ShardMap frozen = now.write().assign(KeyRange.FULL.upperHalf(), "a", true);
        routing.publish(null, frozen, false, "freeze the upper half");
        await().atMost(Duration.ofSeconds(5)).until(() -> router.routes().write().version() == 2);

        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> {
            try (WriteSession w = router.openWrite(List.of(upper))) {
                return w.shardOf(upper).name();
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !held.isDone());

        routing.publish(null, frozen.assign(KeyRange.FULL.upperHalf(), "b", false), false, "writes to b");
        assertThat(held.get()).isEqualTo("b");
    }

    @Test
    void aWriteHeldLongerThanTheHoldTimeoutFailsAsRetryable() {
        AccountSid upper = accountInUpperHalf();
        routing.publish(null, routing.state().write().assign(KeyRange.FULL.upperHalf(), "a", true), false, "freeze");
        await().atMost(Duration.ofSeconds(5)).until(() -> router.routes().write().version() == 2);

        assertThatThrownBy(() -> router.openWrite(List.of(upper)))
                .isInstanceOf(FlightpathException.class)
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("moving");
    }

    @Test
    void aNodeCutOffFromTheControlStoreKeepsRoutingByTheMapsItHoldsAndAcknowledgesAgainOnceBack() {
        AccountSid any = AccountSid.random();
        flaky.down.set(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> !router.leaseHeld());
        assertThat(routing.nodes()).allSatisfy(n -> assertThat(n.isLive(java.time.Instant.now())).isFalse());
        try (WriteSession w = router.openWrite(List.of(any))) {
            assertThat(w.shardOf(any).name()).isEqualTo("a");
        }
        String answered = router.read(any, c -> "answered");
        assertThat(answered).isEqualTo("answered");

        flaky.down.set(false);
        await().atMost(Duration.ofSeconds(5)).until(router::leaseHeld);
        assertThat(routing.nodes()).anySatisfy(n -> assertThat(n.isLive(java.time.Instant.now())).isTrue());
    }

    @Test
    void aNodeWithoutItsLeaseCannotReadARangeTheShardGaveAway() throws Exception {
        AccountSid upper = accountInUpperHalf();
        flaky.down.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !router.leaseHeld());
        try (java.sql.Connection c = pools.shard("a").database().dataSource().getConnection()) {
            io.flightpath.postflight.schema.ShardFence.recordMove(c, "a", KeyRange.FULL.upperHalf(), java.time.Instant.now());
        }

        assertThatThrownBy(() -> router.read(upper, c -> "stale"))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("moved away from a");
        String owned = router.read(accountInLowerHalf(), c -> "owned");
        assertThat(owned).isEqualTo("owned");
    }

    @Test
    void aLeaseRenewedForNewerMapsWhileAReadRanDoesNotVouchForThatReadsOldMaps() throws Exception {
        AccountSid upper = accountInUpperHalf();
        flaky.down.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !router.leaseHeld());
        // meanwhile the upper half moved to b without this node: a fenced it off and the maps changed
        try (java.sql.Connection c = pools.shard("a").database().dataSource().getConnection()) {
            io.flightpath.postflight.schema.ShardFence.recordMove(c, "a", KeyRange.FULL.upperHalf(), java.time.Instant.now());
        }
        RoutingState now = routing.state();
        routing.publish(now.read().assign(KeyRange.FULL.upperHalf(), "b", false), now.write().assign(KeyRange.FULL.upperHalf(), "b", false),
                false, "the upper half to b");

        // a read routed by the old maps (to a) while the node comes back and renews its lease on the new ones
        assertThatThrownBy(() -> router.read(upper, c -> {
            flaky.down.set(false);
            router.refresh();
            assertThat(router.leaseHeld()).isTrue();
            return "what a no longer has";
        })).isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("moved away from a");
        String fresh = router.read(upper, c -> "read by the new maps");
        assertThat(fresh).isEqualTo("read by the new maps");
    }

    static AccountSid accountInLowerHalf() {
        while (true) {
            AccountSid s = AccountSid.random();
            if (ShardKey.of(s) >= 0) {
                return s;
            }
        }
    }

    @Test
    void aNewPoolGenerationMakesConnectionsReadTheServersNewGlobals() throws Exception {
        Shard shard = pools.shard("a");
        try {
            shard.database().read(c -> c.createStatement().execute("SET GLOBAL auto_increment_increment = 2"));
            assertThat(sessionIncrement(shard)).as("pooled connections keep their session value").isEqualTo(1);

            routing.publish(null, null, true, "recycle pools");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sessionIncrement(shard)).isEqualTo(2));
        } finally {
            shard.database().read(c -> c.createStatement().execute("SET GLOBAL auto_increment_increment = 1"));
            routing.publish(null, null, true, "recycle pools");
        }
    }

    private static int sessionIncrement(Shard shard) {
        return shard.database().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT @@SESSION.auto_increment_increment")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}

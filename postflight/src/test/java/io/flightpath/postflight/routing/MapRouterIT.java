package io.flightpath.postflight.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.NodeAck;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A routing node against a real control store and two real shards. */
@ExtendWith(SharedCluster.class)
class MapRouterIT {
    Database control;
    RoutingService routing;
    FlakyRouting flaky;
    ShardPools pools;
    MapRouter router;
    ShardAddress a;
    ShardAddress b;

    /** The control store, with a switch that makes it unreachable. */
    static final class FlakyRouting implements RoutingService {
        final RoutingService real;
        final AtomicBoolean down = new AtomicBoolean();

        FlakyRouting(RoutingService real) {
            this.real = real;
        }

        private void check() {
            if (down.get()) {
                throw FlightpathException.unavailable("control store unreachable (test)");
            }
        }

        @Override
        public RoutingState initialize(List<ShardAddress> shards) {
            check();
            return real.initialize(shards);
        }

        @Override
        public void registerShard(ShardAddress shard) {
            check();
            real.registerShard(shard);
        }

        @Override
        public RoutingState state() {
            check();
            return real.state();
        }

        @Override
        public RoutingState publish(ShardMap read, ShardMap write, boolean bump, String note) {
            return real.publish(read, write, bump, note);
        }

        @Override
        public void acknowledge(NodeAck ack) {
            check();
            real.acknowledge(ack);
        }

        @Override
        public List<NodeAck> nodes() {
            return real.nodes();
        }

        @Override
        public List<ShardMap> history(String kind, int limit) {
            return real.history(kind, limit);
        }
    }

    @BeforeEach
    void start() {
        control = Database.open("control", TestDatabases.fresh("control", "routing"), List.of(MariaDbAccountStore.MIGRATIONS));
        routing = new MariaDbRoutingStore(control, Clock.systemUTC());
        flaky = new FlakyRouting(routing);
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
    void aNodeThatCannotConfirmItsMapsStopsRoutingUntilItCanAgain() {
        AccountSid any = AccountSid.random();
        flaky.down.set(true);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(() -> router.openWrite(List.of(any)))
                .isInstanceOf(FlightpathException.class)
                .satisfies(e -> assertThat(((FlightpathException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE)));
        assertThatThrownBy(() -> router.forRead(any)).isInstanceOf(FlightpathException.class);
        assertThat(routing.nodes()).allSatisfy(n -> assertThat(n.isLive(java.time.Instant.now())).isFalse());

        flaky.down.set(false);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(router.forRead(any).name()).isEqualTo("a"));
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

package io.flightpath.split.workflow;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.CallSid;
import io.flightpath.core.CallStatus;
import io.flightpath.core.Direction;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.postflight.routing.MapRouter;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.postflight.routing.ShardPools;
import io.flightpath.postflight.schema.KeyedTables;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A cluster of its own (control, in-flight, one shard), its control store, and one post-flight
 * routing node writing through the router, as production runs them. A split adds shards to it.
 */
final class SplitFixture implements AutoCloseable {
    static final String RECORDS_DB = "flightpath";
    final LocalCluster cluster;
    final Database control;
    final MariaDbRoutingStore routing;
    final MariaDbSplitRegistry registry;
    final ShardPools pools;
    final MapRouter router;
    final MariaDbPostflightStore store;
    final ShardDirectory shards;

    SplitFixture(Path home) {
        this(home, KeyedTables.POSTFLIGHT);
    }

    /** A fixture whose shards have {@code keyedTables}, for a shard schema with a keyed table of its own. */
    SplitFixture(Path home, KeyedTables keyedTables) {
        cluster = new LocalCluster(home, line -> { });
        cluster.up("127.0.0.1", SharedCluster.freeBasePort(), 1);
        DbCredentials login = cluster.credentials();
        ServerSpec controlServer = cluster.servers().get(0);
        ServerSpec shard0 = cluster.servers().get(2);
        control = Database.open("control", new DatabaseConfig(controlServer.host(), controlServer.port(), "control",
                login.user(), login.password(), 4), List.of(MariaDbAccountStore.MIGRATIONS));
        routing = new MariaDbRoutingStore(control, Clock.systemUTC());
        registry = new MariaDbSplitRegistry(control, Clock.systemUTC());
        routing.initialize(List.of(new ShardAddress("shard0", shard0.host(), shard0.port(), RECORDS_DB)));
        // the node and the split log in as production does: each with its own account, not the administrator's
        DbCredentials shardLogin = cluster.credentials(DbAccount.POSTFLIGHT);
        pools = new ShardPools(shardLogin.user(), shardLogin.password(), 8);
        router = new MapRouter(routing, pools, new RouterConfig("node-1", Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(20)),
                Clock.systemUTC(), new SimpleMeterRegistry()).start();
        store = new MariaDbPostflightStore(router);
        shards = new ShardDirectory(routing, name -> {
            ServerSpec added = cluster.addShard(Integer.parseInt(name.substring("shard".length())));
            return new ShardAddress(name, added.host(), added.port(), RECORDS_DB);
        }, cluster.credentials(DbAccount.SPLIT).user(), cluster.credentials(DbAccount.SPLIT).password(), keyedTables);
    }

    SplitRunner runner(SplitRunner.StepHook hook) {
        return runner(hook, SplitProgress.SILENT, settings());
    }

    SplitRunner runner(SplitRunner.StepHook hook, SplitProgress progress, SplitSettings settings) {
        return new SplitRunner(registry, routing, shards, settings, progress, Clock.systemUTC(), "test-runner", hook);
    }

    SplitAbort abort() {
        return new SplitAbort(registry, routing, shards, settings(), Clock.systemUTC(), "test-runner");
    }

    static SplitSettings settings() {
        return new SplitSettings(Duration.ofSeconds(2), Duration.ofSeconds(20), 500, Duration.ZERO, Duration.ofSeconds(60),
                Duration.ofMillis(500), 0);
    }

    static Call finishedCall(AccountSid account) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Call(CallSid.random(), account, null, "+1", "+2", null, null, null, CallStatus.COMPLETED,
                Direction.OUTBOUND_API, null, null, null, t, t.plusSeconds(30), 30, null, "USD", null, null, null, t, t);
    }

    @Override
    public void close() {
        router.close();
        pools.close();
        control.close();
        cluster.destroy();
    }
}

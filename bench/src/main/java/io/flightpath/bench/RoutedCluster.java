package io.flightpath.bench;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.postflight.routing.MapRouter;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.postflight.routing.ShardPools;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A benchmark's own local cluster in a temporary folder on free ports (control, in-flight and N
 * shards), its control store, and one routing node (a {@link MapRouter} over {@link ShardPools})
 * with the post-flight store on top, wired as production wires them. Closing it stops the node
 * and deletes the cluster.
 */
final class RoutedCluster implements AutoCloseable {
    static final String RECORDS_DB = "flightpath";
    /** Ports above the last shard for the shards a split adds. */
    private static final int SPARE_PORTS = 4;

    final LocalCluster cluster;
    final DbCredentials login;
    final Database control;
    final MariaDbRoutingStore routing;
    final MariaDbSplitRegistry registry;
    final ShardPools pools;
    final MapRouter router;
    final MariaDbPostflightStore store;

    private RoutedCluster(LocalCluster cluster, DbCredentials login, Database control, ShardPools pools, MapRouter router) {
        this.cluster = cluster;
        this.login = login;
        this.control = control;
        this.routing = new MariaDbRoutingStore(control, Clock.systemUTC());
        this.registry = new MariaDbSplitRegistry(control, Clock.systemUTC());
        this.pools = pools;
        this.router = router;
        this.store = new MariaDbPostflightStore(router);
    }

    /** Starts the servers and the routing node; the initial map cuts the keyspace evenly over the shards. */
    static RoutedCluster start(int shards, int poolSize, RouterConfig routerConfig) {
        Path home;
        try {
            home = Files.createTempDirectory("fp-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the benchmark's cluster", e);
        }
        LocalCluster cluster = new LocalCluster(home, line -> { });
        Database control = null;
        ShardPools pools = null;
        try {
            List<ServerSpec> servers = cluster.up("127.0.0.1", io.flightpath.cluster.FreePorts.block("127.0.0.1", 2 + shards + SPARE_PORTS), shards);
            DbCredentials login = cluster.credentials();
            ServerSpec controlServer = servers.get(0);
            control = Database.open("control", new DatabaseConfig(controlServer.host(), controlServer.port(), "control",
                    login.user(), login.password(), 4), List.of(MariaDbAccountStore.MIGRATIONS));
            new MariaDbRoutingStore(control, Clock.systemUTC()).initialize(servers.stream()
                    .filter(s -> s.name().startsWith("shard"))
                    .map(s -> new ShardAddress(s.name(), s.host(), s.port(), RECORDS_DB))
                    .toList());
            pools = new ShardPools(login.user(), login.password(), poolSize);
            MapRouter router = new MapRouter(new MariaDbRoutingStore(control, Clock.systemUTC()), pools, routerConfig,
                    Clock.systemUTC(), new SimpleMeterRegistry()).start();
            return new RoutedCluster(cluster, login, control, pools, router);
        } catch (RuntimeException e) {
            if (pools != null) {
                pools.close();
            }
            if (control != null) {
                control.close();
            }
            destroy(cluster);
            throw e;
        }
    }

    ServerSpec server(String name) {
        return cluster.servers().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no server " + name + " in the benchmark's cluster"));
    }

    /** The records database of a shard server, for administrative connections. */
    DatabaseConfig records(ServerSpec server) {
        return new DatabaseConfig(server.host(), server.port(), RECORDS_DB, login.user(), login.password(), 1);
    }

    @Override
    public void close() {
        router.close();
        pools.close();
        control.close();
        destroy(cluster);
    }

    private static void destroy(LocalCluster cluster) {
        cluster.destroy();
        // destroy keeps the folder and its lock file: remove what is left
        try (Stream<Path> left = Files.walk(cluster.home())) {
            for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + cluster.home(), e);
        }
    }
}

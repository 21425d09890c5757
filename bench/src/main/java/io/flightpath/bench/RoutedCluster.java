package io.flightpath.bench;

import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.postflight.routing.MapRouter;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.postflight.routing.ShardPools;
import io.flightpath.postflight.store.MariaDbPostflightStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A benchmark's own local cluster in a temporary folder on free ports (control, in-flight and N
 * shards), its control store, and its routing nodes ({@link MapRouter}s, each over
 * {@link ShardPools} of its own) with the post-flight store on top, wired as production wires
 * them: one in the benchmark's process by default, or several that follow the maps through the
 * control service's HTTP API as {@code serve postflight} nodes do. Closing it stops the nodes and
 * deletes the cluster.
 */
final class RoutedCluster implements AutoCloseable {
    static final String RECORDS_DB = "flightpath";
    static final String TOKEN = "bench-internal-token";
    /** Ports above the last shard for the shards a split adds. */
    private static final int SPARE_PORTS = 4;

    /**
     * How many routing nodes, whether they reach the control store over HTTP, and what each sees
     * of it ({@code observe} wraps each node's routing service, to time what it does).
     */
    record Nodes(int count, boolean overHttp, UnaryOperator<RoutingService> observe) {
        static final Nodes EMBEDDED = new Nodes(1, false, UnaryOperator.identity());

        Nodes {
            if (count < 1) {
                throw new IllegalArgumentException("routing nodes must be >= 1, was " + count);
            }
        }

        static Nodes overHttp(int count, UnaryOperator<RoutingService> observe) {
            return new Nodes(count, true, observe);
        }
    }

    /** One routing node: its router, its pools, its post-flight store and its metrics. */
    record Node(MapRouter router, ShardPools pools, MariaDbPostflightStore store, MeterRegistry metrics) {
    }

    final LocalCluster cluster;
    final DbCredentials login;
    final Database control;
    final MariaDbRoutingStore routing;
    final MariaDbSplitRegistry registry;
    final List<Node> nodes;
    /** The first node's router, pools and store. */
    final MapRouter router;
    final ShardPools pools;
    final MariaDbPostflightStore store;
    private final List<AutoCloseable> opened;

    private RoutedCluster(LocalCluster cluster, DbCredentials login, Database control, MariaDbRoutingStore routing,
                          List<Node> nodes, List<AutoCloseable> opened) {
        this.cluster = cluster;
        this.login = login;
        this.control = control;
        this.routing = routing;
        this.registry = new MariaDbSplitRegistry(control, Clock.systemUTC());
        this.nodes = List.copyOf(nodes);
        this.router = nodes.getFirst().router();
        this.pools = nodes.getFirst().pools();
        this.store = nodes.getFirst().store();
        this.opened = opened;
    }

    /** Starts the servers and one routing node in this process; the initial map cuts the keyspace evenly over the shards. */
    static RoutedCluster start(int shards, int poolSize, RouterConfig routerConfig) {
        return start(shards, poolSize, routerConfig, Nodes.EMBEDDED);
    }

    /** Starts the servers and the routing nodes (ids: the config's, numbered when there are several). */
    static RoutedCluster start(int shards, int poolSize, RouterConfig routerConfig, Nodes nodes) {
        Path home;
        try {
            home = Files.createTempDirectory("fp-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the benchmark's cluster", e);
        }
        LocalCluster cluster = new LocalCluster(home, line -> { });
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            List<ServerSpec> servers = cluster.up("127.0.0.1", io.flightpath.cluster.FreePorts.block("127.0.0.1", 2 + shards + SPARE_PORTS), shards);
            DbCredentials login = cluster.credentials();
            ServerSpec controlServer = servers.get(0);
            Database control = Database.open("control", new DatabaseConfig(controlServer.host(), controlServer.port(), "control",
                    login.user(), login.password(), 8), List.of(MariaDbAccountStore.MIGRATIONS));
            opened.add(control);
            // the one store instance every publication goes through, so that it wakes the nodes' held asks at once
            MariaDbRoutingStore routing = new MariaDbRoutingStore(control, Clock.systemUTC());
            routing.initialize(servers.stream()
                    .filter(s -> s.name().startsWith("shard"))
                    .map(s -> new ShardAddress(s.name(), s.host(), s.port(), RECORDS_DB))
                    .toList());
            RoutingService reach = routing;
            if (nodes.overHttp()) {
                ServiceServer server = controlService(control, routing);
                opened.add(server);
                reach = new RoutingHttpClient(new ServiceClient("control", server.uri(), TOKEN, Duration.ofSeconds(10)));
            }
            List<Node> started = new ArrayList<>();
            for (int i = 0; i < nodes.count(); i++) {
                RouterConfig config = nodes.count() == 1 ? routerConfig : new RouterConfig(routerConfig.nodeId() + "-" + (i + 1),
                        routerConfig.poll(), routerConfig.lease(), routerConfig.holdTimeout(), routerConfig.replicaWait());
                ShardPools pools = new ShardPools(login.user(), login.password(), poolSize);
                opened.add(pools);
                MeterRegistry metrics = nodeMetrics();
                MapRouter router = new MapRouter(nodes.observe().apply(reach), pools, config, Clock.systemUTC(), metrics).start();
                opened.add(router);
                started.add(new Node(router, pools, new MariaDbPostflightStore(router), metrics));
            }
            return new RoutedCluster(cluster, login, control, routing, started, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            destroy(cluster);
            throw e;
        }
    }

    /** The control service's HTTP face over this store, as `serve control` runs it, on a free port. */
    private static ServiceServer controlService(Database control, MariaDbRoutingStore routing) {
        Clock clock = Clock.systemUTC();
        ControlHttpServer routes = new ControlHttpServer(new MariaDbAccountStore(control, clock), routing,
                new MariaDbSplitRegistry(control, clock), new MariaDbFlagStore(control, clock), new InternalAuth(TOKEN));
        return ServiceServer.start("control", "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 1 << 20,
                ServiceServer.INTERNAL_ERRORS, routes::routes);
    }

    /** A node's own registry; its timers keep their maximum for the whole run, which the split bench reads at the end. */
    private static MeterRegistry nodeMetrics() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        metrics.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder().expiry(Duration.ofDays(1)).bufferLength(1).build().merge(config);
            }
        });
        return metrics;
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
        closeAll(opened);
        destroy(cluster);
    }

    /** Closes in reverse order of opening: nodes before their pools, the control service before its store. */
    private static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + c, e);
            }
        }
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

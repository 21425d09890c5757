package io.flightpath.postflight.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.flightpath.store.Database;
import io.flightpath.store.DatabaseConfig;
import io.flightpath.store.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * New map versions reach a routing node at once, in-process and through the control service, and a
 * node polls a control service that cannot hold its asks. The nodes here poll once a minute, so an
 * acknowledgement within {@link #BOUND} can only come from the push.
 */
@ExtendWith(SharedCluster.class)
class RoutingPushIT {
    static final String TOKEN = "internal-token-for-tests";
    static final Duration ONCE_A_MINUTE = Duration.ofMinutes(1);
    static final Duration BOUND = Duration.ofSeconds(10);

    final Clock clock = Clock.systemUTC();
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Database control;
    MariaDbRoutingStore routing;
    ShardPools pools;
    ServiceServer server;
    MapRouter router;

    @BeforeEach
    void start() {
        control = Database.open("control", TestDatabases.fresh("control", "push"), List.of(MariaDbAccountStore.MIGRATIONS));
        routing = new MariaDbRoutingStore(control, clock);
        DatabaseConfig da = TestDatabases.fresh("shard0", "pa");
        DatabaseConfig db = TestDatabases.fresh("shard1", "pb");
        routing.initialize(List.of(new ShardAddress("a", da.host(), da.port(), da.database())));
        routing.registerShard(new ShardAddress("b", db.host(), db.port(), db.database()));
        pools = new ShardPools(da.user(), da.password(), 2);
    }

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        if (server != null) {
            server.close();
        }
        pools.close();
        control.close();
    }

    private MapRouter node(RoutingService through, Duration poll) {
        router = new MapRouter(through, pools, new RouterConfig("node-1", poll, poll.multipliedBy(3), Duration.ofSeconds(3)),
                clock, new SimpleMeterRegistry()).start();
        return router;
    }

    private RoutingHttpClient overHttp(ServiceServer to) {
        return new RoutingHttpClient(new ServiceClient("control", to.uri(), TOKEN, Duration.ofSeconds(5)));
    }

    private int publishReads() {
        RoutingState now = routing.state();
        return routing.publish(now.read().assign(KeyRange.FULL.upperHalf(), "b", false), null, false, "reads of the upper half to b")
                .read().version();
    }

    private void awaitAcknowledged(int readVersion) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(routing.nodes())
                .anySatisfy(n -> assertThat(n.readVersion()).isEqualTo(readVersion)));
    }

    @Test
    void anEmbeddedNodeThatPollsOnceAMinuteAcknowledgesAPublicationAtOnce() {
        node(routing, ONCE_A_MINUTE);

        awaitAcknowledged(publishReads());
    }

    @Test
    void aNodeThatPollsOnceAMinuteAcknowledgesAPublicationAtOnceThroughTheControlService() {
        ControlHttpServer routes = new ControlHttpServer(new MariaDbAccountStore(control, clock), routing,
                new MariaDbSplitRegistry(control, clock), new MariaDbFlagStore(control, clock), new InternalAuth(TOKEN));
        server = ServiceServer.start("control", "127.0.0.1", 0, metrics, 1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
        node(overHttp(server), ONCE_A_MINUTE);

        awaitAcknowledged(publishReads());
        awaitAcknowledged(publishReads());
    }

    @Test
    void aNodePollsAControlServiceWithoutTheLongPoll() {
        // the routes a node uses, as a control server from before the long-poll has them
        server = ServiceServer.start("old-control", "127.0.0.1", 0, metrics, 1 << 20, ServiceServer.INTERNAL_ERRORS, r -> {
            r.get("/v1/routing", ctx -> ctx.json(routing.state()));
            r.post("/v1/routing/nodes", ctx -> {
                routing.acknowledge(ctx.bodyAsClass(NodeAck.class));
                ctx.status(204);
            });
        });
        node(overHttp(server), Duration.ofMillis(50));

        awaitAcknowledged(publishReads());
    }
}

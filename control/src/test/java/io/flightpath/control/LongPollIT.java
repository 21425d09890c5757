package io.flightpath.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.RoutingVersions;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.control.http.RoutingHttpClient;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.flags.FlagNode;
import io.flightpath.flags.FlagNodeConfig;
import io.flightpath.flags.FlagSnapshot;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control service's long-poll routes through their HTTP clients, against a real control
 * store. Every ask here may be held for {@link #HOLD}; an answer within {@link #BOUND} can only
 * come from the publication (or from the caller being behind), never from the hold running out.
 */
@ExtendWith(SharedCluster.class)
class LongPollIT {
    static final String TOKEN = "internal-token-for-tests";
    static final Duration HOLD = Duration.ofSeconds(30);
    static final long BOUND = 10;
    static final Attribution OPS = new Attribution("ops", "test");

    final Clock clock = Clock.systemUTC();
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Database db;
    MariaDbRoutingStore routing;
    MariaDbFlagStore flags;
    ServiceServer server;
    ServiceClient http;
    RoutingHttpClient routingClient;
    FlagHttpClient flagClient;

    @BeforeEach
    void start() {
        db = Database.open("control", TestDatabases.fresh("control", "longpoll"), List.of(MariaDbAccountStore.MIGRATIONS));
        routing = new MariaDbRoutingStore(db, clock);
        flags = new MariaDbFlagStore(db, clock);
        routing.initialize(List.of(new ShardAddress("a", "127.0.0.1", 1, "records")));
        routing.registerShard(new ShardAddress("b", "127.0.0.1", 2, "records"));
        ControlHttpServer routes = new ControlHttpServer(new MariaDbAccountStore(db, clock), routing, new MariaDbSplitRegistry(db, clock),
                flags, new InternalAuth(TOKEN));
        server = ServiceServer.start("control", "127.0.0.1", 0, metrics, 1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
        connect(server);
    }

    private void connect(ServiceServer to) {
        http = new ServiceClient("control", to.uri(), TOKEN, Duration.ofSeconds(5));
        routingClient = new RoutingHttpClient(http);
        flagClient = new FlagHttpClient(http);
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private static <T> CompletableFuture<T> asking(Supplier<T> ask) {
        return CompletableFuture.supplyAsync(ask, r -> Thread.ofVirtual().start(r));
    }

    private static <T> T answer(CompletableFuture<T> ask) throws Exception {
        return ask.get(BOUND, TimeUnit.SECONDS);
    }

    private RoutingState publishReads(MariaDbRoutingStore through) {
        RoutingState now = through.state();
        return through.publish(now.read().assign(KeyRange.FULL.upperHalf(), "b", false), null, false, "reads of the upper half to b");
    }

    @Test
    void aHeldRoutingAskIsAnsweredByThePublication() throws Exception {
        RoutingState before = routing.state();
        CompletableFuture<RoutingState> ask = asking(() -> routingClient.awaitChange(before.versions(), HOLD));

        RoutingState published = publishReads(routing);

        assertThat(answer(ask).versions()).isEqualTo(published.versions());
    }

    @Test
    void aRoutingAskOfACallerBehindIsAnsweredAtOnce() throws Exception {
        RoutingVersions behind = routing.state().versions();
        RoutingState published = publishReads(routing);

        assertThat(answer(asking(() -> routingClient.awaitChange(behind, HOLD))).versions()).isEqualTo(published.versions());
    }

    @Test
    void aPublicationThroughAnotherControlProcessReachesAHeldAsk() throws Exception {
        RoutingState before = routing.state();
        CompletableFuture<RoutingState> ask = asking(() -> routingClient.awaitChange(before.versions(), HOLD));

        // another process's store: nothing wakes this one's waiters, so the ask finds it by reading the store again
        RoutingState published = publishReads(new MariaDbRoutingStore(db, clock));

        assertThat(answer(ask).versions()).isEqualTo(published.versions());
    }

    @Test
    void aHeldAskWithNothingNewEndsWithTheStateUnchanged() {
        RoutingState now = routing.state();

        assertThat(routingClient.awaitChange(now.versions(), Duration.ofMillis(50)).versions()).isEqualTo(now.versions());
        assertThat(flagClient.awaitChange(flags.version(), Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void aHeldFlagsAskIsAnsweredByTheChange() throws Exception {
        long before = flags.version();
        CompletableFuture<Optional<FlagSnapshot>> ask = asking(() -> flagClient.awaitChange(before, HOLD));

        flags.create("services-path", "route through the services", List.of(), "false", OPS);

        assertThat(answer(ask)).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(before + 1));
    }

    @Test
    void aFlagsNodeThatPollsOnceAMinuteAcknowledgesAChangeAtOnce() {
        try (FlagNode node = new FlagNode(flagClient, new FlagNodeConfig("node-1", Duration.ofMinutes(1), Duration.ofMinutes(3)),
                clock, metrics).start()) {
            flags.create("services-path", "route through the services", List.of(), "false", OPS);

            awaitAcknowledged(node, flags.version());
        }
    }

    private void awaitAcknowledged(FlagNode node, long version) {
        await().atMost(Duration.ofSeconds(BOUND)).until(() -> flags.nodes().nodes().stream()
                .anyMatch(n -> n.nodeId().equals(node.nodeId()) && n.version() == version));
    }

    @Test
    void aWaitThatIsNotADurationOrTooLongIsRefused() {
        for (String wait : List.of("forever", "2", "-1s", "31s")) {
            assertThatThrownBy(() -> http.get("/v1/routing/state", Map.of("after-read", "1", "after-write", "1", "after-pool", "1",
                    "wait", wait), RoutingState.class))
                    .as(wait).isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> http.get("/v1/routing/state", Map.of("after-read", "one", "wait", "1s"), RoutingState.class))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.getMessage()).contains("after-read"));
    }

    @Test
    void aControlServerWithoutTheLongPollRoutesIsPolled() throws Exception {
        // the routes a node reads, as a control server from before the long-poll has them
        try (ServiceServer old = ServiceServer.start("old-control", "127.0.0.1", 0, metrics, 1 << 20, ServiceServer.INTERNAL_ERRORS, r -> {
            r.get("/v1/routing", ctx -> ctx.json(routing.state()));
            r.get("/v1/flags/snapshot", ctx -> flags.changedSince(Long.parseLong(ctx.queryParam("since")))
                    .ifPresentOrElse(ctx::json, () -> ctx.status(204)));
            r.post("/v1/flags/nodes", ctx -> {
                Acknowledged a = ctx.bodyAsClass(Acknowledged.class);
                flags.acknowledge(a.node(), a.version(), a.at(), a.leaseUntil());
                ctx.status(204);
            });
        })) {
            connect(old);
            RoutingState now = routing.state();

            // answered at once by one poll, never held
            assertThat(answer(asking(() -> routingClient.awaitChange(now.versions(), HOLD))).versions()).isEqualTo(now.versions());
            assertThat(answer(asking(() -> flagClient.awaitChange(flags.version(), HOLD)))).isEmpty();

            RoutingState published = publishReads(routing);
            assertThat(answer(asking(() -> routingClient.awaitChange(now.versions(), HOLD))).versions()).isEqualTo(published.versions());

            try (FlagNode node = new FlagNode(flagClient, new FlagNodeConfig("node-2", Duration.ofMillis(50), Duration.ofMillis(150)),
                    clock, metrics).start()) {
                flags.create("services-path", "route through the services", List.of(), "false", OPS);
                awaitAcknowledged(node, flags.version());
            }
        }
    }

    /** A flags node's acknowledgement as it travels. */
    record Acknowledged(String node, long version, Instant at, Instant leaseUntil) {
    }
}

package io.flightpath.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.Attribution;
import io.flightpath.control.api.FlagNodeStatus;
import io.flightpath.control.api.FlagNodes;
import io.flightpath.control.api.NodeAck;
import io.flightpath.control.http.ControlHttpServer;
import io.flightpath.control.http.FlagHttpClient;
import io.flightpath.control.store.MariaDbAccountStore;
import io.flightpath.control.store.MariaDbFlagStore;
import io.flightpath.control.store.MariaDbRoutingStore;
import io.flightpath.control.store.MariaDbSplitRegistry;
import io.flightpath.core.AccountSid;
import io.flightpath.store.Database;
import io.flightpath.store.testing.TestDatabases;
import io.flightpath.flags.FlagNode;
import io.flightpath.flags.FlagNodeConfig;
import io.flightpath.flags.FlightpathProvider;
import io.flightpath.http.InternalAuth;
import io.flightpath.http.ServiceClient;
import io.flightpath.http.ServiceServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three nodes evaluating flags through the OpenFeature client, each following the control store
 * through the control service's admin API as `serve` nodes do; node C has a control server of its
 * own, which the cut-off test stops and starts again.
 */
@ExtendWith(SharedCluster.class)
class FlagNodesIT {
    static final String TOKEN = "internal-token-for-tests";
    static final Attribution OPS = new Attribution("ops", "test");
    static final AtomicInteger RUN = new AtomicInteger();
    static final Duration POLL = Duration.ofMillis(20);
    static final Duration LEASE = Duration.ofMillis(400);

    final Clock clock = Clock.systemUTC();
    final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Map<String, FlagNode> nodes = new HashMap<>();
    final Map<String, Client> clients = new HashMap<>();
    final String run = "r" + RUN.incrementAndGet();
    Database db;
    MariaDbFlagStore store;
    MariaDbRoutingStore routing;
    ServiceServer shared;
    ServiceServer ownOfC;
    int portOfC;

    @BeforeEach
    void start() {
        db = Database.open("control", TestDatabases.fresh("control", "flagnodes"), List.of(MariaDbAccountStore.MIGRATIONS));
        store = new MariaDbFlagStore(db, clock);
        routing = new MariaDbRoutingStore(db, clock);
        shared = controlServer(0);
        ownOfC = controlServer(0);
        portOfC = ownOfC.port();
        startNode("a", shared);
        startNode("b", shared);
        startNode("c", ownOfC);
    }

    @AfterEach
    void stop() {
        nodes.values().forEach(FlagNode::close);
        shared.close();
        ownOfC.close();
        db.close();
    }

    private ServiceServer controlServer(int port) {
        ControlHttpServer routes = new ControlHttpServer(new MariaDbAccountStore(db, clock), routing,
                new MariaDbSplitRegistry(db, clock), store, new InternalAuth(TOKEN));
        return ServiceServer.start("control", "127.0.0.1", port, metrics, 1 << 20, ServiceServer.INTERNAL_ERRORS, routes::routes);
    }

    private String nodeId(String name) {
        return run + "-" + name;
    }

    private void startNode(String name, ServiceServer control) {
        FlagHttpClient source = new FlagHttpClient(new ServiceClient("control", control.uri(), TOKEN, Duration.ofSeconds(2)));
        FlagNode node = new FlagNode(source, new FlagNodeConfig(nodeId(name), POLL, LEASE), clock, metrics).start();
        String domain = nodeId(name) + "-" + System.nanoTime();
        OpenFeatureAPI.getInstance().setProviderAndWait(domain, new FlightpathProvider(node, metrics));
        nodes.put(name, node);
        clients.put(name, OpenFeatureAPI.getInstance().getClient(domain));
    }

    private void restartNode(String name, ServiceServer control) {
        nodes.remove(name).close();
        startNode(name, control);
    }

    /** Every live node acknowledged the store's current version: what `flags wait` waits for. */
    private void awaitAllAcknowledged() {
        long version = store.version();
        await().untilAsserted(() -> {
            FlagNodes seen = store.nodes();
            assertThat(seen.version()).isEqualTo(version);
            assertThat(seen.nodes()).filteredOn(n -> n.nodeId().startsWith(run)).hasSize(3)
                    .allSatisfy(n -> assertThat(n.acknowledged()).as(n.nodeId()).isTrue());
        });
        nodes.values().forEach(n -> assertThat(n.snapshot().version()).isEqualTo(version));
    }

    private boolean on(String node, String flag, String sid) {
        return clients.get(node).getBooleanValue(flag, false, new ImmutableContext(sid));
    }

    private String reason(String node, String flag, String sid) {
        return clients.get(node).getBooleanDetails(flag, false, new ImmutableContext(sid)).getReason();
    }

    @Test
    void aRolloutLandsWithinAPointStaysStickyAcrossNodesAndRestartsAndRaisingItKeepsEveryoneIn() {
        store.create("services-path", "route through the services", List.of(), "false", OPS);
        store.rollout("services-path", 25, null, OPS);
        awaitAllAcknowledged();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            accounts.add(AccountSid.random().value());
        }

        Set<String> in = new HashSet<>();
        for (String sid : accounts) {
            boolean a = on("a", "services-path", sid);
            assertThat(on("b", "services-path", sid)).isEqualTo(a);
            assertThat(on("c", "services-path", sid)).isEqualTo(a);
            if (a) {
                in.add(sid);
            }
        }
        assertThat(in.size() / 1000.0).isBetween(24.0, 26.0);

        restartNode("b", shared);
        awaitAllAcknowledged();
        for (String sid : accounts) {
            assertThat(on("b", "services-path", sid)).isEqualTo(in.contains(sid));
        }

        store.rollout("services-path", 40, null, OPS);
        awaitAllAcknowledged();
        int raised = 0;
        for (String sid : accounts) {
            boolean now = on("c", "services-path", sid);
            if (in.contains(sid)) {
                assertThat(now).as(sid + " was in at 25 %").isTrue();
            }
            raised += now ? 1 : 0;
        }
        assertThat(raised / 1000.0).isBetween(39.0, 41.0);
    }

    @Test
    void anExplicitValueBeatsTheRolloutAndAKillBeatsBoth() {
        String excluded = AccountSid.random().value();
        String included = AccountSid.random().value();
        store.create("services-path", "d", List.of(), "false", OPS);
        store.rollout("services-path", 100, null, OPS);
        store.set("services-path", excluded, "false", OPS);
        awaitAllAcknowledged();
        for (String node : List.of("a", "b", "c")) {
            assertThat(on(node, "services-path", excluded)).isFalse();
            assertThat(reason(node, "services-path", excluded)).isEqualTo("TARGETING_MATCH");
            assertThat(on(node, "services-path", included)).isTrue();
            assertThat(reason(node, "services-path", included)).isEqualTo("SPLIT");
        }

        store.set("services-path", included, "true", OPS);
        store.kill("services-path", OPS);
        awaitAllAcknowledged();
        for (String node : List.of("a", "b", "c")) {
            assertThat(on(node, "services-path", included)).isFalse();
            assertThat(reason(node, "services-path", included)).isEqualTo("DISABLED");
            assertThat(on(node, "services-path", AccountSid.random().value())).isFalse();
        }

        store.unkill("services-path", OPS);
        awaitAllAcknowledged();
        assertThat(on("a", "services-path", included)).isTrue();
        assertThat(reason("a", "services-path", included)).isEqualTo("TARGETING_MATCH");
    }

    @Test
    void aNodeCutOffKeepsAnsweringFromItsSnapshotShowsStaleAndNotAcknowledgedAndCatchesUpByItself() {
        String sid = AccountSid.random().value();
        store.create("services-path", "d", List.of(), "false", OPS);
        store.set("services-path", sid, "true", OPS);
        awaitAllAcknowledged();
        List<String> stale = new java.util.concurrent.CopyOnWriteArrayList<>();
        clients.get("c").onProviderStale(e -> stale.add(e.getMessage()));

        ownOfC.close();
        store.set("services-path", sid, "false", OPS);

        await().untilAsserted(() -> assertThat(clients.get("c").getProviderState()).isEqualTo(ProviderState.STALE));
        assertThat(stale).isNotEmpty();
        assertThat(nodes.get("c").isStale()).isTrue();
        assertThat(on("c", "services-path", sid)).as("the last snapshot still answers").isTrue();
        assertThat(metrics.get("flightpath.flags.stale").tag("node", nodeId("c")).gauge().value()).isEqualTo(1);
        await().untilAsserted(() -> assertThat(on("a", "services-path", sid)).isFalse());
        await().untilAsserted(() -> {
            FlagNodes seen = store.nodes();
            FlagNodeStatus c = seen.nodes().stream().filter(n -> n.nodeId().equals(nodeId("c"))).findFirst().orElseThrow();
            assertThat(c.live()).isFalse();
            assertThat(c.acknowledged()).isFalse();
            assertThat(seen.silent()).extracting(FlagNodeStatus::nodeId).contains(nodeId("c"));
            assertThat(seen.behind()).isEmpty();
        });

        ownOfC = controlServer(portOfC);
        awaitAllAcknowledged();
        assertThat(on("c", "services-path", sid)).isFalse();
        assertThat(nodes.get("c").isStale()).isFalse();
        await().untilAsserted(() -> assertThat(clients.get("c").getProviderState()).isEqualTo(ProviderState.READY));
    }

    @Test
    void flagsAndShardMapsShareOneAcknowledgementWithoutMixingTheirNodes() {
        Instant now = Instant.now();
        routing.acknowledge(new NodeAck(nodeId("a"), 3, 4, 5, now, now.plusSeconds(60)));
        routing.acknowledge(new NodeAck(run + "-router", 1, 1, 1, now, now.plusSeconds(60)));
        awaitAllAcknowledged();

        assertThat(routing.nodes()).filteredOn(n -> n.nodeId().startsWith(run)).extracting(NodeAck::nodeId)
                .containsExactlyInAnyOrder(nodeId("a"), run + "-router");
        assertThat(routing.nodes()).filteredOn(n -> n.nodeId().equals(nodeId("a"))).singleElement()
                .satisfies(n -> {
                    assertThat(n.readVersion()).isEqualTo(3);
                    assertThat(n.writeVersion()).isEqualTo(4);
                    assertThat(n.poolGeneration()).isEqualTo(5);
                });
        assertThat(store.nodes().nodes()).extracting(FlagNodeStatus::nodeId).doesNotContain(run + "-router");
    }
}

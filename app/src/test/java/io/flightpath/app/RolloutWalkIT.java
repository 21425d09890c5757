package io.flightpath.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightpath.app.ServiceStack.Service;
import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.cluster.testing.SharedCluster;
import io.flightpath.control.api.RolloutRecord;
import io.flightpath.control.api.RolloutRecord.Phase;
import io.flightpath.control.api.RolloutRecord.State;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.legacy.LegacyRecords;
import io.flightpath.loadgen.LoadConfig;
import io.flightpath.loadgen.LoadReport;
import io.flightpath.rollout.RolloutRunner;
import io.flightpath.rollout.RolloutShape;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout from the legacy shape to the sharded after shape, at a small scale, on a local
 * cluster of its own (the SHARD phase adds servers), under the load generator all along: once
 * through `flightpath rollout run` as a user runs it (to 4 shards and the busiest account alone),
 * and once killed after every phase and resumed by a new run. The load must report 0 failed, 0
 * lost, 0 doubled and 0 wrong status, and every node must end in the last shape.
 */
class RolloutWalkIT {
    @TempDir
    Path home;

    private record Walk(LocalCluster cluster, ServiceStack stack, String token) {
    }

    private Walk start() {
        LocalCluster cluster = new LocalCluster(home, line -> { });
        cluster.up("127.0.0.1", SharedCluster.freeBasePort(), 1);
        String token = LocalSecrets.internalToken(home);
        StoreAddresses stores = StoreAddresses.of(cluster, 16);
        Settings settings = Settings.of(Map.of("api.listen", "127.0.0.1:0", "control.listen", "127.0.0.1:0",
                "inflight.listen", "127.0.0.1:0", "postflight.listen", "127.0.0.1:0", "billing.listen", "127.0.0.1:0", "console.listen", "127.0.0.1:0",
                "handoff.idle-wait", "50ms"));
        ServiceStack stack = ServiceStack.legacy(stores.control(), stores.inflight(), stores.legacy(), ShadowFront.at(home.resolve("shadow")),
                settings, token, Clock.systemUTC());
        new Endpoints(stack.uri(Service.API), stack.uri(Service.CONTROL), stack.uri(Service.INFLIGHT), stack.uri(Service.POSTFLIGHT),
                stack.uri(Service.BILLING), stack.shadowReport(), stack.uri(Service.CONSOLE), null).write(home);
        return new Walk(cluster, stack, token);
    }

    private static LoadConfig load(ServiceStack stack, String token) {
        return LoadConfig.builder(stack.uri(Service.API), stack.uri(Service.INFLIGHT), stack.uri(Service.CONTROL), token)
                .accounts(40)
                .callsPerSecond(15)
                .messagesPerSecond(15)
                .duration(Duration.ofMinutes(10)) // ended once the walk is done
                .verifyTimeout(Duration.ofSeconds(90))
                .build();
    }

    @Test
    void theCommandWalksTheLegacyShapeToFourShardsAndAnIsolatedAccountUnderLoadWithNothingLostDoubledOrFailed() throws Exception {
        Walk walk = start();
        try (ServiceStack stack = walk.stack()) {
            LoadReport report;
            try (BackgroundLoad load = new BackgroundLoad(load(stack, walk.token()))) {
                load.awaitCreated(600);
                load.during(new String[] {"--home", home.toString(), "--shadow-min", "10", "--watch", "1s"}, "rollout", "run");
                report = load.stop();
            }
            printRefusals(stack);
            RolloutGateIT.assertLoadClean(report);
            assertAfterShape(walk, 4, true);
        } finally {
            walk.cluster().destroy();
        }
    }

    @Test
    void killedAfterEveryPhaseAndResumedByANewRunTheRolloutEndsTheSameWithNothingLost() throws Exception {
        Walk walk = start();
        try (ServiceStack stack = walk.stack();
             Rollouts rollouts = new Rollouts(stack, StoreAddresses.of(walk.cluster(), 4).legacy(), walk.token(),
                     new LocalShardProvisioner(walk.cluster(), StoreAddresses.LEGACY_DB), walk.cluster().credentials(DbAccount.SPLIT))) {
            LoadReport report;
            try (BackgroundLoad load = new BackgroundLoad(load(stack, walk.token()))) {
                load.awaitCreated(300);
                Set<Phase> killedAfter = EnumSet.noneOf(Phase.class);
                // each run dies (no state saved, its claim left behind) right after one more phase applied
                RolloutRunner.PhaseHook dieOnce = phase -> {
                    if (killedAfter.add(phase)) {
                        throw new ProcessKilled(phase);
                    }
                };
                long id = rollouts.runner(Rollouts.QUICK, "first-run", dieOnce).plan().id();
                RolloutRecord rollout = null;
                for (int run = 0; rollout == null || rollout.state() != State.DONE; run++) {
                    assertThat(run).as("runs needed").isLessThanOrEqualTo(Phase.values().length);
                    RolloutRunner runner = rollouts.runner(Rollouts.QUICK.withStaleClaim(Duration.ofSeconds(1)), "run-" + run, dieOnce);
                    try {
                        rollout = runUntilClaimed(runner, id);
                    } catch (ProcessKilled killed) {
                        System.out.println("killed after " + killed.phase);
                    }
                }
                assertThat(killedAfter).containsExactlyElementsOf(EnumSet.range(Phase.SERVICES_IN_FRONT, Phase.SHARD));
                load.awaitCreated(load.created() + 30);
                report = load.stop();
            }
            printRefusals(stack);
            RolloutGateIT.assertLoadClean(report);
            assertAfterShape(walk, 2, false);
        } finally {
            walk.cluster().destroy();
        }
    }

    /** A run started while the killed one's claim is still fresh is refused; the new run waits until it is stale. */
    private static RolloutRecord runUntilClaimed(RolloutRunner runner, long id) {
        RolloutRecord[] done = new RolloutRecord[1];
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsMatching(e -> e instanceof FlightpathException f
                        && f.getMessage().contains("is being run by"))
                .until(() -> {
                    done[0] = runner.run(id, Phase.DONE);
                    return true;
                });
        return done[0];
    }

    /** What a kill -9 leaves: nothing saved after the phase applied. An Error, so the runner does not record a failure. */
    private static final class ProcessKilled extends Error {
        final Phase phase;

        ProcessKilled(Phase phase) {
            super("killed after " + phase);
            this.phase = phase;
        }
    }

    /** The public API's answers that were not 2xx, by route and status, from its own metrics: what to look at when the load failed. */
    private static void printRefusals(ServiceStack stack) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.uri(Service.API) + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            metrics.lines().filter(l -> l.startsWith("flightpath_http_requests_seconds_count") && !l.contains("status=\"2"))
                    .forEach(l -> System.out.println("not 2xx: " + l));
        }
    }

    private static void assertAfterShape(Walk walk, int shards, boolean isolated) {
        assertThat(walk.stack().shape()).isEqualTo(RolloutShape.SHARD_ROUTER);
        RoutingState state = walk.stack().routingService().state();
        long wide = state.write().entries().stream().filter(e -> e.range().size() > 1).map(ShardMap.Entry::shard).distinct().count();
        assertThat(wide).as("shards holding ranges: %s", state.write()).isEqualTo(shards);
        assertThat(state.write().entries().stream().anyMatch(e -> e.range().size() == 1)).as("an isolated account").isEqualTo(isolated);
        assertThat(state.read().entries()).as("read map").isEqualTo(state.write().entries());
        assertThat(state.shards()).extracting(ShardAddress::name).contains("shard0");
        try (var legacy = io.flightpath.store.Database.open("check", StoreAddresses.of(walk.cluster(), 2).legacy(), LegacyRecords.MIGRATIONS)) {
            assertThat(new LegacyRecords(legacy, Clock.systemUTC()).inflightCount()).as("in-flight rows left in the legacy tables").isZero();
        }
    }
}

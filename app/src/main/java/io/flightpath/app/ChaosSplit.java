package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.http.ServiceClient;
import io.flightpath.split.replication.Replication;
import io.flightpath.split.replication.ShardServer;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.split.workflow.SplitProgress;
import io.flightpath.split.workflow.SplitRunner;
import io.flightpath.split.workflow.SplitSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The split a chaos scenario runs under the load (shard0's upper half to a new shard1), with a
 * fault during it: either the target's replication stalled ({@code STOP SLAVE SQL_THREAD}) for a
 * while right after one step (the lag the split's reads must never show as a missing record), or
 * the post-flight process stopped ({@code SIGSTOP}) from one step until the split has moved
 * writes past it, its lease long run out ({@code SIGCONT} then).
 */
final class ChaosSplit {
    private final Step after;
    private final Step until;
    private final Duration stall;
    private final ProcessDeployment processes;
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch lifted = new CountDownLatch(1);
    private final CompletableFuture<SplitRecord> done;
    private final ShardDirectory shards;
    private volatile Instant stalledAt;
    private volatile Instant liftedAt;

    /** The target stalled after {@code after} for {@code stall}. */
    ChaosSplit(RoutingService routing, URI control, LocalCluster cluster, String token, Step after, Duration stall) {
        this(routing, control, cluster, token, after, after, stall, null);
    }

    /** The `serve postflight` process of {@code processes} stopped after {@code after}, continued after {@code until}. */
    ChaosSplit(ProcessDeployment processes, LocalCluster cluster, String token, Step after, Step until) {
        this(processes.routing(), processes.control(), cluster, token, after, until, Duration.ZERO, processes);
    }

    private ChaosSplit(RoutingService routing, URI control, LocalCluster cluster, String token, Step after, Step until, Duration stall,
                       ProcessDeployment processes) {
        this.after = after;
        this.until = until;
        this.stall = stall;
        this.processes = processes;
        DbCredentials login = cluster.credentials(DbAccount.SPLIT);
        this.shards = new ShardDirectory(routing, new LocalShardProvisioner(cluster), login.user(), login.password());
        SplitRunner runner = new SplitRunner(new SplitRegistryHttpClient(new ServiceClient("control", control, token,
                Duration.ofSeconds(30))), routing, shards, SplitSettings.defaults(), SplitProgress.SILENT, Clock.systemUTC(),
                "chaos-" + ProcessHandle.current().pid(), this::applied);
        this.done = CompletableFuture.supplyAsync(() -> runner.run(runner.plan("shard0", "shard1", KeyRange.FULL.upperHalf()).id()),
                task -> Thread.ofPlatform().name("chaos-split").start(task));
    }

    private void applied(Step step) {
        if (processes != null) {
            if (step == after) {
                processes.signal("postflight", "STOP");
                stalledAt = Instant.now();
                stalled.countDown();
            }
            if (step == until) {
                processes.signal("postflight", "CONT");
                liftedAt = Instant.now();
                lifted.countDown();
            }
            return;
        }
        if (step != after) {
            return;
        }
        ShardServer target = shards.require("shard1");
        String link = new Replication(shards.require("shard0"), target).connectionName();
        target.execute("stall the target's SQL thread", "STOP SLAVE '" + link + "' SQL_THREAD");
        stalledAt = Instant.now();
        stalled.countDown();
        try {
            Thread.sleep(stall); // the fault itself: the split waits here, the load goes on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            target.execute("resume the target's SQL thread", "START SLAVE '" + link + "' SQL_THREAD");
            liftedAt = Instant.now();
            lifted.countDown();
        }
    }

    /** When the stall began; waits for it (a split that failed before it ends the wait with its error). */
    Instant awaitStalled(Duration timeout) throws Exception {
        await(stalled, timeout);
        return stalledAt;
    }

    Instant awaitLifted(Duration timeout) throws Exception {
        await(lifted, timeout);
        return liftedAt;
    }

    /** The finished split; fails with the split's own error. */
    SplitRecord awaitDone(Duration timeout) throws Exception {
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void await(CountDownLatch latch, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!latch.await(100, TimeUnit.MILLISECONDS)) {
            if (done.isDone()) {
                done.get(); // throws the split's failure
                throw new IllegalStateException("the split ended before the step after which the target stalls: " + after);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the split did not reach " + after + " within " + Setting.format(timeout));
            }
        }
    }
}

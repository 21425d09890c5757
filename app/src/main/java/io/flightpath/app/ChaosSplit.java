package io.flightpath.app;

import io.flightpath.cluster.DbAccount;
import io.flightpath.cluster.DbCredentials;
import io.flightpath.cluster.LocalCluster;
import io.flightpath.control.api.RoutingService;
import io.flightpath.control.api.RoutingState;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.control.api.SplitRecord.Step;
import io.flightpath.control.api.SplitRegistry;
import io.flightpath.control.http.SplitRegistryHttpClient;
import io.flightpath.core.FlightpathException;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import io.flightpath.http.ServiceClient;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.split.workflow.SplitAbort;
import io.flightpath.split.workflow.SplitProgress;
import io.flightpath.split.workflow.SplitRunner;
import io.flightpath.split.workflow.SplitSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The splits a chaos scenario runs under the load, each of the widest range of the write map's
 * upper half to a new shard, with a fault after the first run of some of its steps ({@link
 * SplitFault}). A run the fault fails is resumed once what it hit is back, as an operator would
 * with `split --resume`; one that fails {@value #TRIES} times in a row without reaching a new step
 * is aborted, while it still can be.
 */
final class ChaosSplit {
    static final int TRIES = 5;
    private static final Duration LIFT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BEFORE_RESUME = Duration.ofSeconds(1);

    /** One split: the range that moves, from which shard to which new one. */
    record Plan(String source, String target, KeyRange range) {
        /** The widest range of the write map (the first of equals), its upper half to the next shard's number. */
        static Plan next(RoutingState state) {
            ShardMap.Entry widest = null;
            for (ShardMap.Entry e : state.write().entries()) {
                if (widest == null || Long.compareUnsigned(width(e), width(widest)) > 0) {
                    widest = e;
                }
            }
            if (widest == null) {
                throw FlightpathException.failedPrecondition("the write map is empty");
            }
            return new Plan(widest.shard(), "shard" + state.shards().size(), widest.range().upperHalf());
        }

        /** The keys of the entry's range less one, unsigned: the whole keyspace fits. */
        private static long width(ShardMap.Entry e) {
            return e.range().end() - e.range().start();
        }

        String describe() {
            return source + " -> " + target + " (" + range + ")";
        }
    }

    /** How a split ended: the stored record (DONE or ABORTED) and how often it was resumed. */
    record Finished(SplitRecord split, int resumes) {
    }

    private final RoutingService routing;
    private final SplitRegistry registry;
    private final ShardDirectory shards;
    private final Consumer<String> note;
    private final String owner = "chaos-" + ProcessHandle.current().pid();

    ChaosSplit(RoutingService routing, URI control, LocalCluster cluster, String token, Consumer<String> note) {
        this.routing = routing;
        this.registry = new SplitRegistryHttpClient(new ServiceClient("control", control, token, Duration.ofSeconds(30)));
        DbCredentials login = cluster.credentials(DbAccount.SPLIT);
        this.shards = new ShardDirectory(routing, new LocalShardProvisioner(cluster), login.user(), login.password());
        this.note = note;
    }

    ShardDirectory shards() {
        return shards;
    }

    Plan plan() {
        return Plan.next(routing.state());
    }

    /** Runs the split of {@code plan} to its end with {@code fault} at its steps; resumed after each failure. */
    Finished run(Plan plan, SplitFault fault) {
        int[] streak = {0}; // failures since a step was first applied
        Set<Step> reached = EnumSet.noneOf(Step.class);
        // a step that a resume repeats gets no second fault: each fault comes once, after the step's first run
        SplitRunner runner = new SplitRunner(registry, routing, shards, SplitSettings.defaults(), SplitProgress.SILENT, Clock.systemUTC(),
                owner, step -> {
                    if (reached.add(step)) {
                        streak[0] = 0;
                        fault.applied(step);
                    }
                });
        long id = runner.plan(plan.source(), plan.target(), plan.range()).id();
        int resumes = 0;
        while (true) {
            try {
                return new Finished(runner.run(id), resumes);
            } catch (RuntimeException e) {
                note.accept("split " + id + " failed: " + e.getMessage());
                fault.awaitLifted(LIFT_TIMEOUT);
                if (++streak[0] >= TRIES) {
                    return new Finished(abort(id, e), resumes);
                }
                pause();
                resumes++;
                note.accept("split " + id + " resumed");
            }
        }
    }

    /** The last resort: rolled back while writes have not moved; a split past that point must finish, so its failure stands. */
    private SplitRecord abort(long id, RuntimeException failure) {
        try {
            SplitRecord aborted = new SplitAbort(registry, routing, shards, SplitSettings.defaults(), Clock.systemUTC(), owner).abort(id);
            note.accept("split " + id + " aborted at " + aborted.step() + " after " + TRIES + " failures in a row");
            return aborted;
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(BEFORE_RESUME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("interrupted before resuming a split");
        }
    }
}

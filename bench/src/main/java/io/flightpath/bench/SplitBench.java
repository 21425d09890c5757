package io.flightpath.bench;

import io.flightpath.cluster.ServerSpec;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.routing.MapRouter;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.split.workflow.SplitRunner;
import io.flightpath.split.workflow.SplitSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Timer;

/**
 * {@code flightpath bench split}: seeds a shard with post-flight rows, puts a steady open-loop load
 * on three routing nodes (each following the maps through the control service's HTTP API), and
 * splits the upper half of the keyspace to a new shard under that load. Prints the time of every
 * step, the load's latency before and during the split, failed requests, the split's copy rate
 * beside a plain dump-and-restore of the same data on the same machine, the time from each map
 * publication to the last node's acknowledgement, and the longest a write was held while its range
 * moved.
 */
public final class SplitBench {
    static final String SCRATCH_DB = "bench_dump";
    /** The load's "before" is measured once no more than this share of the buffer pool waits to be written back. */
    private static final double SETTLED_DIRTY_SHARE = 0.01;
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(3);
    static final int ROUTING_NODES = 3;

    /**
     * @param rows     post-flight rows seeded on the source shard, half calls and half messages
     * @param accounts accounts the rows belong to, with random SIDs spread over the keyspace
     * @param rate     requests per second of the steady load
     * @param warmup   load before anything is measured
     * @param before   load measured before the split
     * @param poolSize connections per shard pool of the routing node
     */
    public record Options(long rows, int accounts, int rate, Duration warmup, Duration before, int poolSize) {
        public Options {
            if (rows < 2 || accounts < 1 || rate < 1 || poolSize < 1) {
                throw new IllegalArgumentException("rows must be >= 2 and accounts, rate and pool size >= 1, were "
                        + rows + ", " + accounts + ", " + rate + ", " + poolSize);
            }
            if (warmup.isNegative() || before.isNegative() || before.isZero()) {
                throw new IllegalArgumentException("warm-up must be >= 0 and the window before the split > 0, were "
                        + warmup + " and " + before);
            }
        }

        public static Options defaults() {
            return new Options(1_000_000, 10_000, 200, Duration.ofSeconds(5), Duration.ofSeconds(30), 16);
        }

        public Options withRows(long n) {
            return new Options(n, accounts, rate, warmup, before, poolSize);
        }
    }

    public void run(PrintStream out, Options options) {
        out.printf("flightpath bench split: %,d rows on shard0, the upper half of the keyspace split to shard1 under %d requests/s "
                + "(2/5 inserts, 2/5 reads by SID, 1/5 pages of 50) through %d routing nodes over the control service's API%n",
                options.rows(), options.rate(), ROUTING_NODES);
        MapPropagation propagation = new MapPropagation();
        try (RoutedCluster bed = RoutedCluster.start(1, options.poolSize(), RouterConfig.defaults("bench-split"),
                RoutedCluster.Nodes.overHttp(ROUTING_NODES, propagation::observe))) {
            out.println(Machine.describe(bed.control).line());
            ServerSpec source = bed.server("shard0");
            // the target server runs from the start, so that the dump-and-restore can use it and its port is held
            // at once; the split's provisioning finds it running and leaves it alone
            ServerSpec target = bed.cluster.addShard(1);

            List<AccountSid> accounts = new ArrayList<>(options.accounts());
            for (int i = 0; i < options.accounts(); i++) {
                accounts.add(AccountSid.random());
            }
            SeedRows seed = new SeedRows(bed.records(source), accounts);
            long calls = options.rows() / 2;
            long seedStart = System.nanoTime();
            seed.fill(calls, done -> { });
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            out.printf("seeded %,d rows (%,d calls, %,d messages) of %,d accounts in %.1f s%n", 2 * calls, calls, calls,
                    options.accounts(), seedSeconds);
            Duration settled = Quiescence.await(bed.records(source), SETTLED_DIRTY_SHARE, SETTLE_LIMIT);
            out.printf("shard0 wrote back the seeding's dirty pages in %.1f s%n", settled.toMillis() / 1e3);

            ShardDirectory shards = new ShardDirectory(bed.routing, name -> {
                ServerSpec s = bed.cluster.addShard(Integer.parseInt(name.substring("shard".length())));
                return new ShardAddress(name, s.host(), s.port(), RoutedCluster.RECORDS_DB);
            }, bed.login.user(), bed.login.password());
            StepClock clock = new StepClock();
            SplitRunner runner = new SplitRunner(bed.registry, propagation.observe(bed.routing), shards, SplitSettings.defaults(), clock,
                    Clock.systemUTC(), "bench-split", SplitRunner.StepHook.NONE);

            try (SteadyLoad load = new SteadyLoad(bed.nodes.stream().map(RoutedCluster.Node::store).toList(), seed, calls, options.rate())) {
                load.start();
                sleep(options.warmup());
                long beforeStart = System.nanoTime();
                sleep(options.before());
                long dumpStart = System.nanoTime();
                DumpRestore.Result dump = new DumpRestore(source, target, bed.login, bed.cluster.home())
                        .run(RoutedCluster.RECORDS_DB, SCRATCH_DB);
                long splitStart = System.nanoTime();
                SplitRecord planned = runner.plan("shard0", "shard1", KeyRange.FULL.upperHalf());
                SplitRecord done = runner.run(planned.id());
                long splitEnd = System.nanoTime();
                load.close();

                List<SteadyLoad.Sample> samples = load.samples();
                Latency before = Latency.of(samples, beforeStart, dumpStart);
                Latency duringDump = Latency.of(samples, dumpStart, splitStart);
                Latency duringSplit = Latency.of(samples, splitStart, splitEnd);
                long lost = lost(bed, load.inserted());
                SplitReport report = new SplitReport(out);
                report.print(clock.steps(), samples, before, duringDump, duringSplit, (splitEnd - splitStart) / 1e9,
                        done, dump, load, lost);
                report.propagation(propagation.figures(), propagation.publications(), propagation.frozenMillis(), heldWrites(bed));
            }
        }
    }

    /** The writes the nodes held while their range moved: on every node, one timer of them. */
    private static SplitReport.Holds heldWrites(RoutedCluster bed) {
        long count = 0;
        double longest = 0;
        for (RoutedCluster.Node n : bed.nodes) {
            Timer held = n.metrics().get(MapRouter.HELD_WRITES).timer();
            count += held.count();
            longest = Math.max(longest, held.max(TimeUnit.MILLISECONDS));
        }
        return new SplitReport.Holds(count, longest);
    }

    /** Inserted calls the router cannot find after the split. */
    private static long lost(RoutedCluster bed, List<Call> inserted) {
        return inserted.stream().filter(c -> bed.store.call(c.accountSid(), c.sid()).isEmpty()).count();
    }

    /** Lets the load run for {@code d}, on the calling thread. */
    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load ran", e);
        }
    }
}

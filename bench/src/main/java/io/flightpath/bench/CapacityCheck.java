package io.flightpath.bench;

import io.flightpath.bench.capacity.CapacityFigures;
import io.flightpath.bench.capacity.CapacityModel;
import io.flightpath.cluster.ServerSpec;
import io.flightpath.control.api.ShardAddress;
import io.flightpath.control.api.SplitRecord;
import io.flightpath.core.AccountSid;
import io.flightpath.core.Call;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.postflight.routing.RouterConfig;
import io.flightpath.split.workflow.ShardDirectory;
import io.flightpath.split.workflow.SplitProgress;
import io.flightpath.split.workflow.SplitRunner;
import io.flightpath.split.workflow.SplitSettings;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * {@code flightpath bench capacity --check}: the capacity model against what this machine does,
 * side by side. For 1, 2 and 4 shards, the highest rate of records inserted (20 a batch, open
 * loop, rising in steps) whose p99 stays within a bound, against the model's rate for that many
 * shards; and one split of a seeded shard under the steady load, against the model's time for
 * that many rows. Prints how far the model was off.
 */
public final class CapacityCheck {
    static final int BATCH = 20;
    static final double P99_BOUND_MS = 100;
    static final double[] STEPS = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5};

    /**
     * @param step      time each rate runs
     * @param splitRows rows seeded on the shard that is split
     */
    public record Options(Duration step, long splitRows) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), 300_000);
        }
    }

    /** One rate step: records a second asked for and done, the p99 of a batch, failures. */
    record Step(double asked, double done, double p99Ms, long failed) {
        boolean within() {
            return failed == 0 && p99Ms <= P99_BOUND_MS && done >= 0.95 * asked;
        }
    }

    public void run(PrintStream out, CapacityFigures figures, Options options) {
        CapacityModel model = new CapacityModel(figures);
        out.printf("flightpath bench capacity --check: the model (%s) against this machine; p99 bound %.0f ms, steps of %s%n",
                figures.machine(), P99_BOUND_MS, options.step());
        List<String> rows = new ArrayList<>();
        for (int shards : new int[] {1, 2, 4}) {
            double predicted = shards * figures.shard().insertsPerSecond();
            // the same rates for every shard count: a machine's limit shows as the step it cannot pass
            double measured = highestWithin(out, shards, figures.shard().insertsPerSecond(), options.step());
            rows.add("%-22s %,12.0f %,12.0f %8.2f".formatted("inserts, " + shards + " shard" + (shards == 1 ? "" : "s") + " (rec/s)",
                    predicted, measured, measured / predicted));
        }
        double splitSeconds = split(out, options.splitRows());
        double predictedSplit = model.splitTime(options.splitRows()).toMillis() / 1e3;
        rows.add("%-22s %,12.1f %,12.1f %8.2f".formatted("split of " + String.format("%,d", options.splitRows()) + " rows (s)",
                predictedSplit, splitSeconds, splitSeconds / predictedSplit));
        out.println();
        out.printf("%-22s %12s %12s %8s%n", "", "predicted", "measured", "ratio");
        rows.forEach(out::println);
        out.println("(inserts: the highest step, in quarters of one shard's figure, whose p99 stayed within the bound with no failure, "
                + "against the model's rate at a utilisation of 1; split: under the same steady load as bench split)");
    }

    /** The highest records-a-second step within the bound, over rates around one shard's figure. */
    private double highestWithin(PrintStream out, int shards, double perShard, Duration step) {
        try (RoutedCluster bed = RoutedCluster.start(shards, 16, RouterConfig.defaults("bench-capacity-check"))) {
            AccountSid[] accounts = new AccountSid[1_000];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = AccountSid.random();
            }
            openLoop(bed, accounts, perShard * STEPS[0], Duration.ofSeconds(2)); // warm-up
            double best = 0;
            for (double share : STEPS) {
                Step s = openLoop(bed, accounts, perShard * share, step);
                out.printf("  %d shard%s: asked %,8.0f records/s, did %,8.0f, batch p99 %7.1f ms, %d failed%s%n", shards, shards == 1 ? " " : "s",
                        s.asked(), s.done(), s.p99Ms(), s.failed(), s.within() ? "" : "  (past the bound)");
                if (!s.within()) {
                    break;
                }
                best = s.done();
            }
            return best;
        }
    }

    /** Batches of 20 calls started at a fixed rate, each on a thread of its own, for {@code d}. */
    private static Step openLoop(RoutedCluster bed, AccountSid[] accounts, double recordsPerSecond, Duration d) {
        long every = (long) (1e9 * BATCH / recordsPerSecond);
        Histogram h = new Histogram(60_000_000L, 3);
        long[] failed = {0};
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + d.toNanos();
        long next = start;
        int batches = 0;
        while (next < end) {
            long planned = next;
            running.add(Thread.ofVirtual().start(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                List<Call> calls = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    calls.add(BenchCalls.finished(accounts[r.nextInt(accounts.length)], r));
                }
                try {
                    bed.store.insertCalls(calls);
                    synchronized (h) {
                        // from the planned start: a client that had to wait to send also waited
                        h.recordValue(Math.max(1, (System.nanoTime() - planned) / 1_000));
                    }
                } catch (RuntimeException e) {
                    synchronized (failed) {
                        failed[0]++;
                    }
                }
            }));
            batches++;
            next += every;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                SplitBench.sleep(Duration.ofNanos(wait));
            }
        }
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Step(recordsPerSecond, (batches - failed[0]) * (double) BATCH / seconds, h.getValueAtPercentile(99) / 1e3, failed[0]);
    }

    /** Seconds one split of {@code rows} seeded rows took under the steady load. */
    private double split(PrintStream out, long rows) {
        try (RoutedCluster bed = RoutedCluster.start(1, 16, RouterConfig.defaults("bench-capacity-split"))) {
            ServerSpec source = bed.server("shard0");
            List<AccountSid> accounts = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                accounts.add(AccountSid.random());
            }
            SeedRows seed = new SeedRows(bed.records(source), accounts);
            seed.fill(rows / 2, done -> { });
            Quiescence.await(bed.records(source), 0.01, Duration.ofMinutes(3));
            ShardDirectory shards = new ShardDirectory(bed.routing, name -> {
                ServerSpec s = bed.cluster.addShard(Integer.parseInt(name.substring("shard".length())));
                return new ShardAddress(name, s.host(), s.port(), RoutedCluster.RECORDS_DB);
            }, bed.login.user(), bed.login.password());
            SplitRunner runner = new SplitRunner(bed.registry, bed.routing, shards, SplitSettings.defaults(), SplitProgress.SILENT,
                    Clock.systemUTC(), "bench-capacity-check", SplitRunner.StepHook.NONE);
            try (SteadyLoad load = new SteadyLoad(bed.store, seed, rows / 2, 200)) {
                load.start();
                SplitBench.sleep(Duration.ofSeconds(5));
                long start = System.nanoTime();
                SplitRecord done = runner.run(runner.plan("shard0", "shard1", KeyRange.FULL.upperHalf()).id());
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("  split of %,d rows: %s in %.1f s%n", rows, done.state().name().toLowerCase(java.util.Locale.ROOT), seconds);
                return seconds;
            }
        }
    }
}

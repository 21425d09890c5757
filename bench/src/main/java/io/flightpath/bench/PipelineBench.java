package io.flightpath.bench;

import io.flightpath.inflight.handoff.HandoffConfig;
import io.flightpath.store.Database;
import io.flightpath.store.Migrations;
import io.flightpath.inflight.store.MariaDbInflightStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * `flightpath bench pipeline`: on a throwaway local cluster, the sustained rate of full call
 * lifecycles (create, ringing, in-progress, completed, handoff to post-flight) through the
 * services beside a plain-JDBC baseline doing the same database work on the same servers, their
 * ratio, the latency of event ingestion at half the services' rate, and the handoff lag of both
 * service runs. Prints as it goes.
 */
public final class PipelineBench {
    /** The target: the services reach at least this share of the baseline. */
    public static final double TARGET_RATIO = 0.8;
    /** The target: event ingestion at half the services' rate has a p99 of at most this, in milliseconds. */
    public static final double TARGET_INGEST_P99_MS = 20;
    private static final int SERVICE_POOL = 16;
    private static final int ACCOUNTS = 16;

    /** Runs the whole bench (under two minutes with the defaults) and prints the results to {@code out}. */
    public void run(PrintStream out, BenchOptions opts) throws InterruptedException {
        out.println("starting a throwaway MariaDB cluster (in-flight and one post-flight shard) on free ports...");
        try (BenchCluster cluster = BenchCluster.start(opts.host(), line -> { })) {
            Machine machine = Machine.describe(cluster.serverVersion());
            Accounts accounts = new Accounts(ACCOUNTS);
            BenchReport report = new BenchReport(out, opts, machine);
            report.machine();

            try (Database inflight = Database.open("bench-inflight", cluster.inflight("bench_baseline_inflight", opts.baselineThreads()),
                    MariaDbInflightStore.MIGRATIONS);
                 Database postflight = Database.open("bench-shard", cluster.shard("bench_baseline", opts.baselineThreads()),
                         List.of(Migrations.RECORDS));
                 ServicePipeline pipeline = new ServicePipeline(cluster.inflight("bench_inflight", SERVICE_POOL),
                         cluster.shard("bench_records", SERVICE_POOL), HandoffConfig.DEFAULTS.withWorkers(opts.handoffWorkers()))) {
                CpuMeter cpu = cluster.cpuMeter();
                JdbcBaseline jdbc = new JdbcBaseline(inflight, postflight, accounts, opts.baselineThreads(),
                        opts.lifecyclesPerTransaction(), cpu);
                ServiceThroughput through = new ServiceThroughput(pipeline, accounts, opts.clients(), cpu);
                // the runs take turns, so that a change in the machine's load hits both alike
                Duration slice = opts.measure().dividedBy(opts.rounds());
                Throughput baseline = null;
                Throughput services = null;
                for (int round = 1; round <= opts.rounds(); round++) {
                    out.printf("round %d of %d: plain JDBC (%d threads, %d lifecycles per transaction), %d s warm-up + %d s...%n",
                            round, opts.rounds(), opts.baselineThreads(), opts.lifecyclesPerTransaction(),
                            opts.warmup().toSeconds(), slice.toSeconds());
                    baseline = Throughput.sum(baseline, jdbc.run(opts.warmup(), slice));
                    out.printf("round %d of %d: services (%d closed-loop clients, %d handoff workers), %d s warm-up + %d s, "
                            + "then the handoff drains...%n", round, opts.rounds(), opts.clients(), opts.handoffWorkers(),
                            opts.warmup().toSeconds(), slice.toSeconds());
                    services = Throughput.sum(services, through.run(opts.warmup(), slice));
                }
                HandoffLag.Figures servicesLag = pipeline.lag().figures();

                double rate = services.perSecond() / 2;
                out.printf("latency: open loop at %.0f lifecycles/s (%.0f events/s) for %d s...%n",
                        rate, rate * 3, opts.latency().toSeconds());
                IngestLatency.Result latency = new IngestLatency(pipeline, accounts).run(rate, opts.latency());
                report.results(baseline, services, servicesLag, latency);
            }
        }
    }
}

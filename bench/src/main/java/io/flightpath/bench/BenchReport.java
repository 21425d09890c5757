package io.flightpath.bench;

import java.io.PrintStream;

/** The bench's printed table: the machine, both rates, their ratio, ingestion latency and handoff lag, with the targets met or missed. */
final class BenchReport {
    private final PrintStream out;
    private final BenchOptions opts;
    private final Machine machine;

    BenchReport(PrintStream out, BenchOptions opts, Machine machine) {
        this.out = out;
        this.opts = opts;
        this.machine = machine;
    }

    void machine() {
        out.printf("machine: %d cores, %s memory, %s; %s; MariaDB %s%n",
                machine.cores(), machine.memory(), machine.os(), machine.jdk(), machine.mariaDb());
    }

    void results(Throughput baseline, Throughput services, HandoffLag.Figures servicesLag, IngestLatency.Result latency) {
        double ratio = services.perSecond() / baseline.perSecond();
        out.println();
        out.println("full call lifecycles (create, ringing, in-progress, completed, handoff to post-flight)");
        out.printf("%-46s %11s %8s %13s %15s %9s%n", "run", "lifecycles", "seconds", "lifecycles/s", "in-flight tx/s", "failures");
        row(String.format("plain JDBC (%d threads, %d per transaction)", opts.baselineThreads(), opts.lifecyclesPerTransaction()), baseline);
        row(String.format("services (%d clients, %d handoff workers)", opts.clients(), opts.handoffWorkers()), services);
        firstFailure("plain JDBC", baseline.firstFailure());
        firstFailure("services", services.firstFailure());
        out.printf("%-46s %34.3f  (target >= %.2f: %s)%n", "services / baseline", ratio, PipelineBench.TARGET_RATIO,
                verdict(ratio >= PipelineBench.TARGET_RATIO));
        handoff("services, closed loop", servicesLag);
        cpu(baseline, services);
        out.println();
        out.printf("event ingestion (apply) at half the services' rate: %.0f lifecycles/s, %.0f events/s, open loop%n",
                latency.lifecyclesPerSecond(), latency.lifecyclesPerSecond() * 3);
        out.printf("%-10s %10s %10s %10s %9s%n", "events", "p50 ms", "p99 ms", "max ms", "failures");
        out.printf("%-10d %10.2f %10.2f %10.2f %9d  (target p99 <= %.0f ms: %s)%n", latency.events(), latency.p50(), latency.p99(),
                latency.max(), latency.failures(), PipelineBench.TARGET_INGEST_P99_MS,
                verdict(latency.p99() <= PipelineBench.TARGET_INGEST_P99_MS));
        firstFailure("latency run", latency.firstFailure());
        handoff("the same open loop", latency.handoff());
    }

    /**
     * CPU per lifecycle of each process of both runs: where the machine's cores are what runs out,
     * the services can reach at most the baseline's CPU per lifecycle over theirs of its rate.
     */
    private void cpu(Throughput baseline, Throughput services) {
        out.println();
        out.printf("%-46s %16s %13s %10s %8s%n", "CPU per lifecycle, ms", "in-flight server", "shard server", "bench JVM", "total");
        cpuRow("plain JDBC", baseline);
        cpuRow("services", services);
        double share = baseline.cpuMillisPerLifecycle(CpuMeter.Sample::total) / services.cpuMillisPerLifecycle(CpuMeter.Sample::total);
        out.printf("baseline CPU / services CPU per lifecycle: %.3f (what services / baseline can reach while the cores are busy)%n", share);
    }

    private void cpuRow(String run, Throughput t) {
        out.printf("%-46s %16.3f %13.3f %10.3f %8.3f%n", run, t.cpuMillisPerLifecycle(CpuMeter.Sample::inflight),
                t.cpuMillisPerLifecycle(CpuMeter.Sample::shard), t.cpuMillisPerLifecycle(CpuMeter.Sample::bench),
                t.cpuMillisPerLifecycle(CpuMeter.Sample::total));
    }

    /** The handoff lag of one run: from a call's final event sent to the call readable in post-flight. */
    private void handoff(String run, HandoffLag.Figures lag) {
        out.printf("handoff lag, %s (final event sent -> readable in post-flight): p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d calls%n",
                run, lag.p50(), lag.p99(), lag.max(), lag.calls());
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }

    private void firstFailure(String run, String message) {
        if (message != null) {
            out.printf("first failure of the %s: %s%n", run, message);
        }
    }

    private void row(String name, Throughput t) {
        out.printf("%-46s %11d %8.1f %13.0f %15.0f %9d%n", name, t.lifecycles(), t.seconds(), t.perSecond(),
                t.inflightTransactions() / t.seconds(), t.failures());
    }
}

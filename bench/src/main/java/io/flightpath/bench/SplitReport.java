package io.flightpath.bench;

import io.flightpath.control.api.SplitRecord;
import java.io.PrintStream;
import java.util.List;

/** The split benchmark's figures as tables on a terminal. */
final class SplitReport {
    /** p99 during the split may be at most this many times p99 before it (issue 4). */
    static final double P99_FACTOR = 2.0;

    private final PrintStream out;

    SplitReport(PrintStream out) {
        this.out = out;
    }

    void print(List<StepClock.Timed> steps, List<SteadyLoad.Sample> samples, Latency before, Latency duringDump,
               Latency duringSplit, double splitSeconds, SplitRecord done, DumpRestore.Result dump, SteadyLoad load, long lost) {
        out.printf("%n%-34s %9s %9s %9s %9s %7s%n", "load latency, ms", "requests", "p50", "p99", "max", "failed");
        row("before the split", before);
        row("during mariadb-dump | mariadb", duringDump);
        row("during the split", duringSplit);

        out.printf("%n%-34s %9s %9s %9s %9s %7s%n", "split step", "seconds", "load p50", "load p99", "load max", "failed");
        for (StepClock.Timed t : steps) {
            Latency l = Latency.of(samples, t.startNanos(), t.endNanos());
            out.printf("%-34s %9.1f %9.2f %9.2f %9.2f %7d%n", t.step().numbered(), t.seconds(), l.p50(), l.p99(),
                    l.max(), l.failed());
        }
        out.printf("%-34s %9.1f   (state %s; steps plus the runner's bookkeeping)%n", "total", splitSeconds, done.state());

        long cloneRows = Long.parseLong(done.outputs().getOrDefault("clone.rows", "0"));
        double cloneRate = Double.parseDouble(done.outputs().getOrDefault("clone.rows_per_second", "0"));
        String cloneSeconds = done.outputs().getOrDefault("clone.seconds", "?");
        out.printf("%n%-34s %12s %9s %12s%n", "copy", "rows", "seconds", "rows/s");
        out.printf("%-34s %,12d %9s %,12.0f%n", "split clone (CLONE_TARGET)", cloneRows, cloneSeconds, cloneRate);
        out.printf("%-34s %,12d %9.1f %,12.0f%n", "mariadb-dump | mariadb", dump.rows(), dump.elapsed().toMillis() / 1e3,
                dump.rowsPerSecond());
        out.printf("%-34s %12s %9s %12.2f%n", "ratio clone / dump", "", "", cloneRate / dump.rowsPerSecond());

        long failed = before.failed() + duringDump.failed() + duringSplit.failed();
        double factor = before.p99() == 0 ? Double.NaN : duringSplit.p99() / before.p99();
        out.printf("%ntarget p99 during <= %.0f x p99 before: %.2f ms vs %.2f ms = %.2f x: %s%n", P99_FACTOR, duringSplit.p99(),
                before.p99(), factor, factor <= P99_FACTOR ? "met" : "missed");
        out.printf("target failed requests = 0: %d: %s%n", failed, failed == 0 ? "met" : "missed");
        out.printf("reads of stored calls that found nothing: %d; inserted calls not found after the split: %d of %,d%n",
                load.missedReads(), lost, load.inserted().size());
        load.failures().forEach(f -> out.println("  failure: " + f));
        out.println("(latency from each request's planned start, open loop; on a shared machine, compare within one run)");
    }

    private void row(String name, Latency l) {
        out.printf("%-34s %9d %9.2f %9.2f %9.2f %7d%n", name, l.requests(), l.p50(), l.p99(), l.max(), l.failed());
    }
}

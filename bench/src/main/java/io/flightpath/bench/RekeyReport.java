package io.flightpath.bench;

import io.flightpath.legacy.rekey.KeyCheck;
import io.flightpath.legacy.rekey.ShardKeyMigration;
import java.io.PrintStream;
import java.util.List;

/** The shard key migration benchmark's figures as tables on a terminal. */
final class RekeyReport {
    /** p99 while the legacy tables become shard0 may be at most this many times p99 before (the rollout issue). */
    static final double P99_FACTOR = 2.0;

    private final PrintStream out;

    RekeyReport(PrintStream out) {
        this.out = out;
    }

    void print(SteadyLoad load, long beforeStart, List<RekeyBench.TimedStep> steps, List<KeyCheck> checks, long lost) {
        List<SteadyLoad.Sample> samples = load.samples();
        long migrationStart = steps.getFirst().startNanos();
        long migrationEnd = steps.getLast().endNanos();
        Latency before = Latency.of(samples, beforeStart, migrationStart);
        Latency during = Latency.of(samples, migrationStart, migrationEnd);

        out.printf("%n%-28s %9s %9s %9s %9s %9s %7s%n", "load latency, ms", "seconds", "requests", "p50", "p99", "max", "failed");
        row("before the migration", (migrationStart - beforeStart) / 1e9, before);
        row("during the migration", (migrationEnd - migrationStart) / 1e9, during);
        // the one step that rebuilds the tables, and the one RekeySettings.requireKey can leave out
        RekeyBench.TimedStep rebuild = steps.stream().filter(t -> t.step() == ShardKeyMigration.Step.REQUIRE_KEY).findFirst().orElseThrow();
        List<SteadyLoad.Sample> withoutRebuild = samples.stream()
                .filter(x -> x.plannedNanos() < rebuild.startNanos() || x.plannedNanos() >= rebuild.endNanos()).toList();
        row("during, without REQUIRE_KEY", (migrationEnd - migrationStart - (rebuild.endNanos() - rebuild.startNanos())) / 1e9,
                Latency.of(withoutRebuild, migrationStart, migrationEnd));
        for (RekeyBench.TimedStep t : steps) {
            row("  " + t.step() + (t.outcome() == ShardKeyMigration.Outcome.ALREADY_DONE ? " (done)" : ""),
                    t.seconds(), Latency.of(samples, t.startNanos(), t.endNanos()));
        }

        double factor = before.p99() == 0 ? Double.NaN : during.p99() / before.p99();
        long failed = before.failed() + during.failed();
        out.printf("%ntarget p99 during <= %.0f x p99 before: %.2f ms vs %.2f ms = %.2f x: %s%n", P99_FACTOR, during.p99(),
                before.p99(), factor, factor <= P99_FACTOR ? "met" : "missed");
        out.printf("target failed requests = 0: %d: %s%n", failed, failed == 0 ? "met" : "missed");
        out.printf("reads of stored calls that found nothing: %d; inserted calls not found after the migration: %d of %,d%n",
                load.missedReads(), lost, load.inserted().size());
        checks.forEach(c -> out.println("check " + c + (c.passed() ? "" : ": FAILED")));
        load.failures().forEach(f -> out.println("  failure: " + f));
        out.println("(latency from each request's planned start, open loop; on a shared machine, compare within one run)");
    }

    private void row(String name, double seconds, Latency l) {
        out.printf("%-28s %9.1f %9d %9.2f %9.2f %9.2f %7d%n", name, seconds, l.requests(), l.p50(), l.p99(), l.max(), l.failed());
    }
}

package io.flightpath.bench;

import java.time.Duration;

/**
 * Lifecycles a run finished in a measured window, the in-flight transactions it committed for
 * them (where the cost of durability lies), the CPU time the pipeline's processes used meanwhile
 * and the failures it saw, with the first one's error.
 */
record Throughput(long lifecycles, long inflightTransactions, Duration elapsed, CpuMeter.Sample cpu, long failures,
                  String firstFailure) {
    /** Both windows as one: their lifecycles, transactions, time and failures added up; {@code a} may be null. */
    static Throughput sum(Throughput a, Throughput b) {
        if (a == null) {
            return b;
        }
        return new Throughput(a.lifecycles + b.lifecycles, a.inflightTransactions + b.inflightTransactions,
                a.elapsed.plus(b.elapsed), a.cpu.plus(b.cpu), a.failures + b.failures,
                a.firstFailure != null ? a.firstFailure : b.firstFailure);
    }

    double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    double perSecond() {
        return lifecycles / seconds();
    }

    /** Milliseconds of CPU per lifecycle that {@code part} of the sample took. */
    double cpuMillisPerLifecycle(java.util.function.Function<CpuMeter.Sample, Duration> part) {
        return part.apply(cpu).toNanos() / 1e6 / lifecycles;
    }
}

package io.flightpath.app.bench;

import java.time.Duration;

/**
 * Lifecycles a run finished in a measured window, the in-flight transactions it committed for
 * them (where the cost of durability lies) and the failures it saw meanwhile, with the first one's error.
 */
record Throughput(long lifecycles, long inflightTransactions, Duration elapsed, long failures, String firstFailure) {
    double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    double perSecond() {
        return lifecycles / seconds();
    }
}

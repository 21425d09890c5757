package io.flightpath.split.replication;

import java.time.Duration;

/** Rows per second, as progress reports show them. */
final class Rates {
    private Rates() {
    }

    static double perSecond(long rows, Duration elapsed) {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : rows * 1e9 / nanos;
    }
}

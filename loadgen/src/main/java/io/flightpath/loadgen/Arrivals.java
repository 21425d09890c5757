package io.flightpath.loadgen;

import java.time.Duration;

/**
 * Turns a rate into a count of arrivals due at each tick, so ticks of any length and jitter add up
 * to exactly {@code floor(rate × elapsed)}. Not thread-safe: one ticking thread owns it.
 */
final class Arrivals {
    private final double perSecond;
    private long issued;

    Arrivals(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Arrivals due between the previous call and {@code elapsed} since the start. */
    int due(Duration elapsed) {
        long total = (long) Math.floor(perSecond * elapsed.toNanos() / 1e9);
        int now = (int) Math.max(total - issued, 0);
        issued += now;
        return now;
    }
}

package io.flightpath.bench.shadow;

import java.util.Arrays;

/** What one or more slices of load measured: each answered request's latency (microseconds), failures, time spent. */
record Measured(long[] latencies, long errors, double seconds) {

    Measured plus(Measured other) {
        long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
        System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
        return new Measured(all, errors + other.errors, seconds + other.seconds);
    }

    CellResult cell() {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new CellResult(seconds == 0 ? 0 : sorted.length / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}

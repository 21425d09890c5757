package io.flightpath.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/** The load's latency over one window of time: requests planned in [from, to), percentiles in milliseconds. */
record Latency(long requests, long failed, double p50, double p99, double max) {

    static Latency of(List<SteadyLoad.Sample> samples, long fromNanos, long toNanos) {
        Histogram h = new Histogram(3_600_000_000L, 3); // microseconds, up to an hour
        long failed = 0;
        for (SteadyLoad.Sample s : samples) {
            if (s.plannedNanos() >= fromNanos && s.plannedNanos() < toNanos) {
                h.recordValue(Math.min(h.getHighestTrackableValue(), Math.max(0, s.latencyNanos() / 1_000)));
                failed += s.failed() ? 1 : 0;
            }
        }
        if (h.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        return new Latency(h.getTotalCount(), failed, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3);
    }
}

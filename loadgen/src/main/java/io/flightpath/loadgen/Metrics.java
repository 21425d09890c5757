package io.flightpath.loadgen;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Every operation's stats, plus a rolling latency histogram of all operations for the progress
 * line. Thread-safe.
 */
final class Metrics {
    private final Map<Operation, OperationStats> stats = new EnumMap<>(Operation.class);
    private final Recorder recent = new Recorder(3);

    Metrics() {
        for (Operation op : Operation.values()) {
            stats.put(op, new OperationStats());
        }
    }

    void record(Operation op, long nanos, boolean ok, int retried) {
        record(op, nanos, ok, retried, null);
    }

    void record(Operation op, long nanos, boolean ok, int retried, String failure) {
        stats.get(op).record(nanos, ok, retried, failure);
        recent.recordValue(Math.max(TimeUnit.NANOSECONDS.toMicros(nanos), 0));
    }

    long requests(Operation op) {
        return stats.get(op).requests();
    }

    long errors() {
        return stats.values().stream().mapToLong(OperationStats::errors).sum();
    }

    /** The p99 in ms of every request since the previous call; resets the window. */
    double recentP99Millis() {
        Histogram interval = recent.getIntervalHistogram();
        return OperationStats.millis(interval.getValueAtPercentile(99));
    }

    /** Keyed by {@link Operation#key}, in the enum's order. */
    Map<String, LoadReport.OperationReport> report() {
        Map<String, LoadReport.OperationReport> out = new LinkedHashMap<>();
        stats.forEach((op, s) -> out.put(op.key, s.report()));
        return out;
    }
}

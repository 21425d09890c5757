package io.flightpath.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Counts and latencies of one operation. Thread-safe: any number of threads record at once. */
final class OperationStats {
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    // Microseconds, three significant digits, resized as needed: no ceiling to guess up front.
    private final Histogram latency = new ConcurrentHistogram(3);

    void record(long nanos, boolean ok, int retried) {
        requests.increment();
        if (!ok) {
            errors.increment();
        }
        retries.add(retried);
        latency.recordValue(Math.max(TimeUnit.NANOSECONDS.toMicros(nanos), 0));
    }

    long requests() {
        return requests.sum();
    }

    long errors() {
        return errors.sum();
    }

    LoadReport.OperationReport report() {
        return new LoadReport.OperationReport(requests.sum(), errors.sum(), retries.sum(),
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(99)),
                millis(latency.getMaxValue()));
    }

    /** Milliseconds with microsecond resolution, as the histogram holds them. */
    static double millis(long micros) {
        return micros / 1000.0;
    }
}

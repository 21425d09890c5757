package io.flightpath.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    // the first failure's final answer, so that a report with errors says what they were
    private final AtomicReference<String> firstError = new AtomicReference<>();

    void record(long nanos, boolean ok, int retried) {
        record(nanos, ok, retried, null);
    }

    /** {@code failure}: what the final answer of a failed request was (null when it succeeded or is not known). */
    void record(long nanos, boolean ok, int retried, String failure) {
        requests.increment();
        if (!ok) {
            errors.increment();
            if (failure != null) {
                firstError.compareAndSet(null, failure);
            }
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
                millis(latency.getMaxValue()), firstError.get());
    }

    /** Milliseconds with microsecond resolution, as the histogram holds them. */
    static double millis(long micros) {
        return micros / 1000.0;
    }
}

package io.flightpath.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latency of event ingestion ({@code apply}) under an open loop: lifecycles start at a fixed rate
 * whatever the service's answers take, so a slow answer cannot hold back the load that would
 * expose it, and each lifecycle's events are timed one by one.
 */
final class IngestLatency {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLatency.class);

    private final ServicePipeline pipeline;
    private final Accounts accounts;

    IngestLatency(ServicePipeline pipeline, Accounts accounts) {
        this.pipeline = pipeline;
        this.accounts = accounts;
    }

    /** Percentiles of {@code apply} in milliseconds, with the load that was offered. */
    record Result(double lifecyclesPerSecond, long events, long failures, String firstFailure, double p50, double p99, double max) {
    }

    Result run(double lifecyclesPerSecond, Duration duration) {
        // microseconds, three significant digits, resized as needed
        Histogram micros = new ConcurrentHistogram(3);
        Failures failures = new Failures();
        long interval = (long) (1e9 / lifecyclesPerSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService lifecycles = Executors.newVirtualThreadPerTaskExecutor()) {
            // each start is due at a fixed time, not a fixed pause after the last one: no drift
            for (long due = start; due < end; due += interval) {
                LockSupport.parkNanos(due - System.nanoTime());
                lifecycles.submit(() -> {
                    try {
                        pipeline.lifecycle(accounts.any(), nanos -> micros.recordValue(TimeUnit.NANOSECONDS.toMicros(nanos)));
                    } catch (RuntimeException e) {
                        failures.add(1, e);
                        LOG.debug("lifecycle failed", e);
                    }
                });
            }
        }
        return new Result(lifecyclesPerSecond, micros.getTotalCount(), failures.count(), failures.first(),
                millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}

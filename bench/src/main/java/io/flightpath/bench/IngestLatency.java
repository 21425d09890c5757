package io.flightpath.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Latency of event ingestion ({@code apply}) under an open loop: lifecycles start at a fixed rate
 * whatever the service's answers take, so a slow answer cannot hold back the load that would
 * expose it, and each lifecycle's events are timed one by one; so is each call's handoff, from its
 * final event to post-flight.
 */
final class IngestLatency {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLatency.class);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private final ServicePipeline pipeline;
    private final Accounts accounts;

    IngestLatency(ServicePipeline pipeline, Accounts accounts) {
        this.pipeline = pipeline;
        this.accounts = accounts;
    }

    /** Percentiles of {@code apply} in milliseconds, with the load that was offered, and the handoff lag. */
    record Result(double lifecyclesPerSecond, long events, long failures, String firstFailure, double p50, double p99, double max,
                  HandoffLag.Figures handoff) {
    }

    Result run(double lifecyclesPerSecond, Duration duration) throws InterruptedException {
        // microseconds, three significant digits, resized as needed
        Histogram micros = new ConcurrentHistogram(3);
        Failures failures = new Failures();
        LongAdder finished = new LongAdder();
        long handedOffBefore = pipeline.handedOff();
        pipeline.lag().clear();
        pipeline.lag().start();
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
                        finished.increment();
                    } catch (RuntimeException e) {
                        failures.add(1, e);
                        LOG.debug("lifecycle failed", e);
                    }
                });
            }
        }
        pipeline.lag().stop();
        // the last calls' lag counts too
        pipeline.awaitHandedOff(handedOffBefore + finished.sum(), DRAIN_LIMIT);
        return new Result(lifecyclesPerSecond, micros.getTotalCount(), failures.count(), failures.first(),
                millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()),
                pipeline.lag().figures());
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}

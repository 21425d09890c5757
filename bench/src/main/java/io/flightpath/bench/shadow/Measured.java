package io.flightpath.bench.shadow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What one or more slices of load measured: each answered request's latency (microseconds),
 * failures, time spent, and the CPU time (nanoseconds) the process under test used meanwhile.
 */
record Measured(long[] latencies, long errors, double seconds, long cpuNanos) {
    /** For a path with no process of its own to meter. */
    static final LongSupplier NO_CPU = () -> 0L;

    /** One client of a closed loop: the latencies (microseconds) it measured from {@code measureFrom} until {@code end}. */
    @FunctionalInterface
    interface Client {
        long[] run(long measureFrom, long end, AtomicLong errors) throws Exception;
    }

    /**
     * {@code clients} virtual threads running {@code client} for the warm-up, then for the measure,
     * with {@code cpu} (a process's CPU time in nanoseconds) read as the measure starts and ends.
     */
    static Measured closedLoop(int clients, Duration warmUp, Duration measure, LongSupplier cpu, Client client)
            throws InterruptedException, ExecutionException {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> loops = new ArrayList<>();
        Future<Long> cpuUsed;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                loops.add(threads.submit(() -> client.run(measureFrom, end, errors)));
            }
            cpuUsed = threads.submit(() -> {
                sleepUntil(measureFrom);
                long from = cpu.getAsLong();
                sleepUntil(end);
                return cpu.getAsLong() - from;
            });
        }
        List<long[]> perLoop = new ArrayList<>();
        for (Future<long[]> f : loops) {
            perLoop.add(f.get());
        }
        return new Measured(perLoop.stream().flatMapToLong(Arrays::stream).toArray(), errors.get(), measure.toNanos() / 1e9,
                cpuUsed.get());
    }

    // the window is a time on the clock, not a condition: sleeping to it is the point
    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    Measured plus(Measured other) {
        long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
        System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
        return new Measured(all, errors + other.errors, seconds + other.seconds, cpuNanos + other.cpuNanos);
    }

    CellResult cell() {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new CellResult(seconds == 0 ? 0 : sorted.length / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), errors,
                sorted.length == 0 ? 0 : cpuNanos / 1000.0 / sorted.length);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}

package io.flightpath.loadgen;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks on virtual threads and, on close, waits for all of them and rethrows when any threw:
 * an executor would only print such a failure, and a verifier that skipped a record unnoticed
 * would pass a run it should fail.
 */
final class TaskGroup implements AutoCloseable {
    private final String name;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<RuntimeException> first = new AtomicReference<>();
    private final AtomicLong failed = new AtomicLong();

    /** {@code name} says what the tasks do, for the error: "verify records". */
    TaskGroup(String name) {
        this.name = name;
    }

    void execute(Runnable task) {
        threads.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                first.compareAndSet(null, e);
            }
        });
    }

    /** Waits for every task; throws INTERNAL with the first failure when any task threw. */
    @Override
    public void close() {
        threads.close();
        RuntimeException e = first.get();
        if (e != null) {
            throw new FlightpathException(ErrorCode.INTERNAL,
                    name + ": " + failed.get() + " task(s) failed, the first with: " + e.getMessage(), e);
        }
    }
}

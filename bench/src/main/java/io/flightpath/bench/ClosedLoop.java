package io.flightpath.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop throughput run: N virtual-thread clients each call their operation again as soon
 * as it returns, for a fixed time. Operations that throw are counted apart and do not count as done.
 */
final class ClosedLoop {

    /** One operation of a client; {@code random} is the client thread's own. */
    @FunctionalInterface
    interface Operation {
        void run(ThreadLocalRandom random) throws Exception;
    }

    /** What one operation's clients did: completed, failed (and the first failure), and how long they ran. */
    record Result(long done, long failed, Throwable firstFailure, Duration elapsed) {
        double perSecond() {
            return done * 1e9 / elapsed.toNanos();
        }
    }

    private final int clients;

    ClosedLoop(int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1, was " + clients);
        }
        this.clients = clients;
    }

    /** Every client runs {@code operation}. */
    Result run(Duration duration, Operation operation) {
        return run(duration, List.of(operation)).get(0);
    }

    /**
     * The clients are shared out evenly among the operations, which run at the same time: they
     * meet exactly the same machine, whatever else runs on it. One result per operation, in order.
     */
    List<Result> run(Duration duration, List<Operation> operations) {
        int kinds = operations.size();
        if (clients < kinds) {
            throw new IllegalArgumentException(kinds + " operations need at least as many clients, have " + clients);
        }
        List<LongAdder> done = new ArrayList<>();
        List<LongAdder> failed = new ArrayList<>();
        List<AtomicReference<Throwable>> first = new ArrayList<>();
        for (int k = 0; k < kinds; k++) {
            done.add(new LongAdder());
            failed.add(new LongAdder());
            first.add(new AtomicReference<>());
        }
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            int k = i % kinds;
            Operation operation = operations.get(k);
            threads.add(Thread.ofVirtual().name("bench-client-" + i).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long deadline = window[1];
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    try {
                        operation.run(random);
                        done.get(k).increment();
                    } catch (Exception e) {
                        failed.get(k).increment();
                        first.get(k).compareAndSet(null, e);
                    }
                }
            }));
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown(); // the latch also publishes the window to the clients
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the benchmark clients", e);
            }
        }
        // the last operations end after the deadline: count the time they took
        Duration elapsed = Duration.ofNanos(System.nanoTime() - window[0]);
        List<Result> results = new ArrayList<>(kinds);
        for (int k = 0; k < kinds; k++) {
            results.add(new Result(done.get(k).sum(), failed.get(k).sum(), first.get(k).get(), elapsed));
        }
        return results;
    }
}

package io.flightpath.control.store;

import io.flightpath.core.FlightpathException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Holds the calls that wait for a change of the control store: a change this process committed
 * wakes them at once ({@link #fired}, called after the commit), and they read the store again every
 * {@link #RECHECK} for changes committed through another control process. Thread-safe.
 */
final class ChangeSignal {
    /** How soon a waiting call sees a change committed through another control process: under one default poll of a node. */
    static final Duration RECHECK = Duration.ofMillis(100);
    /** The longest one call may be held. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long fired;

    /** Wakes every waiting call: this process committed a change. */
    void fired() {
        lock.lock();
        try {
            fired++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the store until {@code isNew} holds for what it read or {@code wait} has passed, and
     * answers the last read. No connection is held while waiting.
     */
    <T> T await(Duration wait, Supplier<T> read, Predicate<T> isNew) {
        if (wait.isNegative() || wait.compareTo(LONGEST_WAIT) > 0) {
            throw FlightpathException.invalid("wait must be 0 to %s, was %s", LONGEST_WAIT, wait);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            // taken before the read: a change committed after it moves the count, and the wait below ends at once
            long seen = count();
            T now = read.get();
            long left = deadline - System.nanoTime();
            if (isNew.test(now) || left <= 0) {
                return now;
            }
            awaitAfter(seen, Math.min(left, RECHECK.toNanos()));
        }
    }

    private long count() {
        lock.lock();
        try {
            return fired;
        } finally {
            lock.unlock();
        }
    }

    private void awaitAfter(long seen, long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (fired == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlightpathException.unavailable("interrupted while waiting for a change of the control store");
        } finally {
            lock.unlock();
        }
    }
}

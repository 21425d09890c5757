package io.flightpath.inflight.store;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells a background worker (the handoff relay) that there is work, so it need not poll hard: the
 * store raises it after committing outbox entries. A raise is remembered until the next
 * {@link #await}, so none is lost between two waits. Thread-safe.
 */
public final class WakeSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private boolean pending;

    public void raise() {
        lock.lock();
        try {
            pending = true;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until raised or {@code timeout} passed, and clears the signal; true when it was raised. */
    public boolean await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!pending && nanos > 0) {
                nanos = raised.awaitNanos(nanos);
            }
            boolean was = pending;
            pending = false;
            return was;
        } finally {
            lock.unlock();
        }
    }
}

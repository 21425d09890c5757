package io.flightpath.inflight.store;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells background workers (the handoff relay's) that there is work, so they need not poll hard:
 * the store raises it after committing outbox entries. Each worker waits through a {@link Waiter}
 * of its own, and every raise wakes every waiter; a raise is remembered by each waiter until its
 * next {@link Waiter#await}, so none is lost between two waits. Thread-safe.
 */
public final class WakeSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private long raises;

    public void raise() {
        lock.lock();
        try {
            raises++;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A new waiter, which sees the raises from now on. */
    public Waiter waiter() {
        lock.lock();
        try {
            return new Waiter(raises);
        } finally {
            lock.unlock();
        }
    }

    /** One worker's view of the signal; used by one thread at a time. */
    public final class Waiter {
        private long seen;

        private Waiter(long seen) {
            this.seen = seen;
        }

        /** Waits until raised since the last wait or {@code timeout} passed; true when it was raised. */
        public boolean await(Duration timeout) throws InterruptedException {
            lock.lock();
            try {
                long nanos = timeout.toNanos();
                while (raises == seen && nanos > 0) {
                    nanos = raised.awaitNanos(nanos);
                }
                boolean was = raises != seen;
                seen = raises;
                return was;
            } finally {
                lock.unlock();
            }
        }
    }
}

package io.flightpath.inflight.handoff;

import io.flightpath.inflight.store.WakeSignal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pass of background work again and again on a virtual thread: at once while passes
 * find work, after an idle wait (cut short by the wake signal) when one finds none, and with
 * doubling backoff after a failure, which is logged and never ends the loop. Start once.
 */
final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final String name;
    private final IntSupplier pass;
    private final Duration idleWait;
    private final Duration maxBackoff;
    private final WakeSignal wake;
    private final WakeSignal.Waiter waiter;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    /** {@code pass} returns how much work it did; 0 means idle. */
    Worker(String name, IntSupplier pass, Duration idleWait, Duration maxBackoff, WakeSignal wake) {
        this.name = name;
        this.pass = pass;
        this.idleWait = idleWait;
        this.maxBackoff = maxBackoff;
        this.wake = wake;
        this.waiter = wake.waiter();
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " is already started");
        }
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        try {
            while (stopped.getCount() > 0) {
                try {
                    int done = pass.getAsInt();
                    backoff = FIRST_BACKOFF;
                    if (done == 0) {
                        waiter.await(idleWait);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} failed; retrying in {} ms", name, backoff.toMillis(), e);
                    // not the wake signal: new work must not cut a backoff short and hammer a sick dependency
                    stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the pass in progress, if any, and waits for it. */
    @Override
    public void close() {
        stopped.countDown();
        wake.raise();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.flightpath.split.workflow;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a persisted workflow's claim every period for as long as a run lasts, long steps
 * included (a copy, a deletion or a drain takes minutes), so that no other run takes over a
 * workflow that is still running. Used by the split and the rollout.
 */
public final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    private final Thread thread;

    public Heartbeat(Runnable renew, Duration every, String name) {
        thread = Thread.ofVirtual().name(name).start(() -> {
            while (true) {
                try {
                    Thread.sleep(every);
                    renew.run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return; // stopped while renewing
                    }
                    LOG.warn("{}: cannot renew the claim: {}", name, e.getMessage());
                }
            }
        });
    }

    /** Stops renewing and waits until no renewal is under way; idempotent. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

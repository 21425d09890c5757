package io.flightpath.rollout;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a claim every period for as long as a run lasts, long phases included (a drain or a
 * split takes minutes), so that no other run takes over a rollout that is still running.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    private final Thread thread;

    Heartbeat(Runnable renew, Duration every, String name) {
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

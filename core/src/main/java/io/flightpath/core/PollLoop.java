package io.flightpath.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a node follows the control store: one poll every interval on a virtual thread until closed.
 * A failing poll is handed to the caller with the number of failures in a row (so that it can log
 * the first and then only some, and an outage does not flood the log), and the loop goes on.
 * Closing ends the wait between polls without interrupting a poll in flight.
 */
public final class PollLoop implements AutoCloseable {
    /** What a node does when a poll fails. */
    @FunctionalInterface
    public interface Failure {
        void failed(RuntimeException e, int inARow);
    }

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    private PollLoop(String name, Duration every, Runnable poll, Failure onFailure) {
        this.thread = Thread.ofVirtual().name(name).start(() -> run(every, poll, onFailure));
    }

    public static PollLoop start(String name, Duration every, Runnable poll, Failure onFailure) {
        return new PollLoop(name, every, poll, onFailure);
    }

    /** True for the failures worth a log line: the first of a run and every 50th after it. */
    public static boolean worthLogging(int inARow) {
        return inARow % 50 == 1;
    }

    /** The terms every node that follows the control store keeps: an id, a poll above 0, a lease of at least three polls. */
    public static void checkTerms(String what, String nodeId, Duration poll, Duration lease) {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 128) {
            throw FlightpathException.invalid("%s node id must be 1 to 128 characters, was '%s'", what, nodeId);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw FlightpathException.invalid("%s poll must be above 0, was %s", what, poll);
        }
        if (lease.compareTo(poll.multipliedBy(3)) < 0) {
            throw FlightpathException.invalid("%s lease must be at least three polls (%s), was %s", what, poll.multipliedBy(3), lease);
        }
    }

    private void run(Duration every, Runnable poll, Failure onFailure) {
        int failuresInARow = 0;
        while (true) {
            try {
                if (stopped.await(every.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
                poll.run();
                failuresInARow = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                onFailure.failed(e, ++failuresInARow);
            }
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

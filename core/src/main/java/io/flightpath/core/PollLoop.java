package io.flightpath.core;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a node follows the control store, on a virtual thread until closed: one poll every interval
 * ({@link #start}), or asks that the source may hold until something changes ({@link #follow}).
 * A failing poll is handed to the caller with the number of failures in a row (so that it can log
 * the first and then only some, and an outage does not flood the log), and the loop goes on.
 * Closing ends the wait between polls without interrupting a poll in flight, unless the poll is
 * still under way five seconds later (a held ask can be longer).
 */
public final class PollLoop implements AutoCloseable {
    /** What a node does when a poll fails. */
    @FunctionalInterface
    public interface Failure {
        void failed(RuntimeException e, int inARow);
    }

    /** One ask of a follower, which its source may hold for up to {@link #holdFor}; true when it saw a change. */
    @FunctionalInterface
    public interface Ask {
        boolean changed();
    }

    /**
     * The longest a follower lets its source hold an ask: below the HTTP timeouts and idle
     * timeouts on the way.
     */
    public static final Duration LONGEST_HOLD = Duration.ofSeconds(10);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    private PollLoop(String name, Duration every, Runnable poll, Ask ask, Failure onFailure) {
        this.thread = Thread.ofVirtual().name(name).start(() -> {
            if (ask == null) {
                poll(every, poll, onFailure);
            } else {
                follow(every, ask, onFailure);
            }
        });
    }

    public static PollLoop start(String name, Duration every, Runnable poll, Failure onFailure) {
        return new PollLoop(name, every, poll, null, onFailure);
    }

    /**
     * Asks at once, and again and again. After a change, or after an ask the source held for the
     * whole {@link #holdFor(Duration) holdFor(every)}, the next ask starts at once: the hold was
     * the pause. An ask answered sooner without a change came from a source that cannot hold (an
     * old control server, a store nobody tells of changes), and the next one waits out the rest
     * of {@code every}: plain polling. After a failure the next ask waits a whole {@code every}.
     */
    public static PollLoop follow(String name, Duration every, Ask ask, Failure onFailure) {
        return new PollLoop(name, every, null, ask, onFailure);
    }

    /**
     * How long a follower that polls every {@code every} lets its source hold an ask: one poll, at
     * most {@link #LONGEST_HOLD}. Never more than one poll, so that a follower still asks, and
     * renews its lease, at least once a poll.
     */
    public static Duration holdFor(Duration every) {
        return every.compareTo(LONGEST_HOLD) < 0 ? every : LONGEST_HOLD;
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

    private void poll(Duration every, Runnable poll, Failure onFailure) {
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

    private void follow(Duration every, Ask ask, Failure onFailure) {
        long hold = holdFor(every).toNanos();
        int failuresInARow = 0;
        while (stopped.getCount() > 0) {
            long pause;
            long asked = System.nanoTime();
            try {
                boolean changed = ask.changed();
                failuresInARow = 0;
                long took = System.nanoTime() - asked;
                pause = changed || took >= hold ? 0 : every.toNanos() - took;
            } catch (RuntimeException e) {
                onFailure.failed(e, ++failuresInARow);
                pause = every.toNanos();
            }
            try {
                if (pause > 0 && stopped.await(pause, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        try {
            if (!thread.join(Duration.ofSeconds(5))) {
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

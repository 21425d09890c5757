package io.flightpath.store;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;
import java.time.Duration;

/** How long a batched job pauses after each batch, e.g. longer while a replica lags. Called on the job's thread. */
@FunctionalInterface
public interface Throttle {
    /**
     * The pace of bulk work on a store that serves traffic (the split's copy and deletion, the
     * legacy database's re-key): pause three times as long as each batch took.
     */
    double DEFAULT_NICE_RATIO = 3.0;

    Duration pauseAfterBatch();

    /** No pause at all. */
    Throttle NONE = () -> Duration.ZERO;

    static Throttle fixed(Duration pause) {
        return () -> pause;
    }

    /**
     * After each batch, pauses {@code ratio} times as long as the batch took, and at least
     * {@code minimum}: with ratio 2 a job works a third of the time, whatever the batch costs on
     * this server today. Keeps state between calls, so one instance serves one job's thread.
     */
    static Throttle niceRatio(double ratio, Duration minimum) {
        return new NiceRatio(ratio, minimum);
    }

    /** Sleeps the pause after a batch; {@code doing} names the job if the sleep is interrupted. */
    default void sleepAfterBatch(String doing) {
        Duration pause = pauseAfterBatch();
        if (pause.isZero() || pause.isNegative()) {
            return;
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlightpathException(ErrorCode.UNAVAILABLE, "interrupted while " + doing, e);
        }
    }

    /** This pause plus {@code other}'s, e.g. {@code fixed(10 ms).plus(lagBasedPause)}. */
    default Throttle plus(Throttle other) {
        return () -> pauseAfterBatch().plus(other.pauseAfterBatch());
    }
}

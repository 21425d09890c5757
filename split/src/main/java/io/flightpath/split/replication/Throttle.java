package io.flightpath.split.replication;

import java.time.Duration;

/** How long a batched job pauses after each batch, e.g. longer while a replica lags. Called on the job's thread. */
@FunctionalInterface
public interface Throttle {
    Duration pauseAfterBatch();

    /** No pause at all. */
    Throttle NONE = () -> Duration.ZERO;

    static Throttle fixed(Duration pause) {
        return () -> pause;
    }

    /** This pause plus {@code other}'s, e.g. {@code fixed(10 ms).plus(lagBasedPause)}. */
    default Throttle plus(Throttle other) {
        return () -> pauseAfterBatch().plus(other.pauseAfterBatch());
    }
}

package io.flightpath.loadgen;

import java.time.Duration;

/**
 * How often and how patiently a retryable failure is tried again: exponential backoff from
 * {@code first}, capped at {@code max}, for at most {@code attempts} tries in all.
 */
record RetryPolicy(int attempts, Duration first, Duration max) {

    /**
     * About six seconds of retries in all: long enough to ride out a node whose shard-map lease
     * ran out during a split, short enough that a dead server fails the run promptly.
     */
    static final RetryPolicy DEFAULT = new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(1));

    RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
    }

    /** The pause before try number {@code retry + 1}, for {@code retry} = 1, 2, … */
    Duration backoff(int retry) {
        long millis = first.toMillis() << Math.min(retry - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}

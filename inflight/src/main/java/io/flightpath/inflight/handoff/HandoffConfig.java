package io.flightpath.inflight.handoff;

import io.flightpath.core.FlightpathException;
import java.time.Duration;

/**
 * How the handoff relay works, validated when built.
 *
 * @param batchSize         outbox entries handed off per post-flight insert and in-flight delete
 * @param workers           relay workers, each handing off its own partition of the outbox (a range
 *                          of the outbox's 1,024 buckets) on a connection of its own
 * @param idleWait          longest wait for new outbox entries when the outbox is empty
 * @param maxBackoff        longest wait between retries while post-flight fails; it is also how long
 *                          the handoff may stay idle once post-flight is back, so keep it short (one
 *                          failing batch a second costs a sick post-flight nothing)
 * @param finishedRetention how long tombstones of handed-off records recognise late duplicate events
 */
public record HandoffConfig(int batchSize, int workers, Duration idleWait, Duration maxBackoff, Duration finishedRetention) {
    public static final HandoffConfig DEFAULTS = new HandoffConfig(1000, 4, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(24));

    public HandoffConfig {
        if (batchSize < 1) {
            throw FlightpathException.invalid("batchSize must be >= 1, was %d", batchSize);
        }
        if (workers < 1 || workers > Buckets.COUNT) {
            throw FlightpathException.invalid("workers must be from 1 to %d, was %d", Buckets.COUNT, workers);
        }
        Durations.positive("idleWait", idleWait);
        Durations.positive("maxBackoff", maxBackoff);
        Durations.positive("finishedRetention", finishedRetention);
    }

    /** This configuration with {@code workers} relay workers. */
    public HandoffConfig withWorkers(int workers) {
        return new HandoffConfig(batchSize, workers, idleWait, maxBackoff, finishedRetention);
    }
}

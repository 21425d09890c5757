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
 * @param linger            how long a worker woken by new entries waits before it reads them, so
 *                          that one batch takes what arrives meanwhile (0: read at once); every
 *                          wake reaches every worker, and without it each finished record costs
 *                          each worker a read and the record a transaction of its own
 * @param maxBackoff        longest wait between retries while post-flight fails; it is also how long
 *                          the handoff may stay idle once post-flight is back, so keep it short (one
 *                          failing batch a second costs a sick post-flight nothing)
 * @param finishedRetention how long tombstones of handed-off records recognise late duplicate events
 */
public record HandoffConfig(int batchSize, int workers, Duration idleWait, Duration linger, Duration maxBackoff,
                            Duration finishedRetention) {
    /** The longest linger: it adds to every record's handoff. */
    public static final Duration MAX_LINGER = Duration.ofSeconds(1);
    public static final HandoffConfig DEFAULTS = new HandoffConfig(1000, 4, Duration.ofSeconds(1), Duration.ofMillis(10),
            Duration.ofSeconds(1), Duration.ofHours(24));

    public HandoffConfig {
        if (batchSize < 1) {
            throw FlightpathException.invalid("batchSize must be >= 1, was %d", batchSize);
        }
        if (workers < 1 || workers > Buckets.COUNT) {
            throw FlightpathException.invalid("workers must be from 1 to %d, was %d", Buckets.COUNT, workers);
        }
        Durations.positive("idleWait", idleWait);
        if (linger == null || linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
            throw FlightpathException.invalid("linger must be from 0 to %s, was %s", MAX_LINGER, linger);
        }
        Durations.positive("maxBackoff", maxBackoff);
        Durations.positive("finishedRetention", finishedRetention);
    }

    /** This configuration with {@code workers} relay workers. */
    public HandoffConfig withWorkers(int workers) {
        return new HandoffConfig(batchSize, workers, idleWait, linger, maxBackoff, finishedRetention);
    }

    /** This configuration with workers lingering {@code linger} after a wake. */
    public HandoffConfig withLinger(Duration linger) {
        return new HandoffConfig(batchSize, workers, idleWait, linger, maxBackoff, finishedRetention);
    }
}

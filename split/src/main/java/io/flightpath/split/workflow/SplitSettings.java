package io.flightpath.split.workflow;

import io.flightpath.store.Throttle;
import io.flightpath.core.FlightpathException;
import java.time.Duration;

/**
 * The bounds a split works within: replication lag every step waits under, how long to wait for
 * routing nodes to acknowledge a map, how the bulk work (copy and deletion) is paced, and how
 * long a blocked step is retried before the run fails (it can be resumed).
 *
 * <p>{@code niceRatio}: after each batch of bulk work the split pauses this many times as long as
 * the batch took (at least {@code deletePause} between deletion batches), so that it takes at
 * most 1/(1 + ratio) of one connection's time on a shard that serves traffic; 0 runs flat out.
 */
public record SplitSettings(Duration maxLag, Duration ackTimeout, int deleteBatchRows, Duration deletePause,
                            Duration blockedTimeout, Duration heartbeat, double niceRatio) {
    public SplitSettings {
        if (maxLag.isNegative() || ackTimeout.isNegative() || ackTimeout.isZero() || deletePause.isNegative()
                || blockedTimeout.isNegative() || heartbeat.isNegative() || heartbeat.isZero()) {
            throw FlightpathException.invalid("split durations must be positive: max lag %s, ack timeout %s, delete pause %s, "
                    + "blocked timeout %s, heartbeat %s", maxLag, ackTimeout, deletePause, blockedTimeout, heartbeat);
        }
        if (deleteBatchRows < 1 || deleteBatchRows > 100_000) {
            throw FlightpathException.invalid("delete batch must be 1..100000 rows, was %d", deleteBatchRows);
        }
        if (!(niceRatio >= 0 && niceRatio <= 100)) {
            throw FlightpathException.invalid("nice ratio must be 0..100, was %s", niceRatio);
        }
    }

    /** Bulk work takes at most a quarter of a connection's time unless told otherwise. */
    public static final double DEFAULT_NICE_RATIO = Throttle.DEFAULT_NICE_RATIO;

    /** A claim whose heartbeat is older than this belongs to a run that died, and may be taken over. */
    public Duration staleClaim() {
        return heartbeat.multipliedBy(5);
    }

    public static SplitSettings defaults() {
        return new SplitSettings(Duration.ofSeconds(1), Duration.ofSeconds(60), 200, Duration.ofMillis(5),
                Duration.ofMinutes(5), Duration.ofSeconds(2), DEFAULT_NICE_RATIO);
    }
}

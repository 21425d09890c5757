package io.flightpath.postflight.routing;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.PollLoop;
import java.time.Duration;

/**
 * How a routing node follows the maps: its id in the acknowledgements, how often it asks while
 * nothing changes (the control service holds each ask for up to one poll and answers the moment a
 * version is published), how long its acknowledgement holds without a new one (the lease), how
 * long a write to a frozen range waits for the move to finish before it fails as retryable, and how
 * long a read of a moving range waits for the new shard to apply the old one's writes before the
 * old one answers it.
 */
public record RouterConfig(String nodeId, Duration poll, Duration lease, Duration holdTimeout, Duration replicaWait) {
    public RouterConfig {
        PollLoop.checkTerms("routing", nodeId, poll, lease);
        if (holdTimeout.isNegative()) {
            throw FlightpathException.invalid("routing hold timeout must be >= 0, was %s", holdTimeout);
        }
        if (replicaWait.isNegative()) {
            throw FlightpathException.invalid("routing replica wait must be >= 0, was %s", replicaWait);
        }
    }

    public RouterConfig(String nodeId, Duration poll, Duration lease, Duration holdTimeout) {
        this(nodeId, poll, lease, holdTimeout, DEFAULT_REPLICA_WAIT);
    }

    /** Long enough for a replica that keeps up, short enough that a stalled one costs a read little. */
    public static final Duration DEFAULT_REPLICA_WAIT = Duration.ofMillis(100);

    public static RouterConfig defaults(String nodeId) {
        return new RouterConfig(nodeId, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}

package io.flightpath.postflight.routing;

import io.flightpath.core.FlightpathException;
import java.time.Duration;

/**
 * How a routing node follows the maps: its id in the acknowledgements, how often it polls, how
 * long a confirmed map stays valid without a new confirmation (the lease), and how long a write
 * to a frozen range waits for the move to finish before it fails as retryable.
 */
public record RouterConfig(String nodeId, Duration poll, Duration lease, Duration holdTimeout) {
    public RouterConfig {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 128) {
            throw FlightpathException.invalid("routing node id must be 1..128 characters, was '%s'", nodeId);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw FlightpathException.invalid("routing poll must be > 0, was %s", poll);
        }
        if (lease.compareTo(poll.multipliedBy(3)) < 0) {
            throw FlightpathException.invalid("routing lease must be at least 3 polls (%s), was %s", poll.multipliedBy(3), lease);
        }
        if (holdTimeout.isNegative()) {
            throw FlightpathException.invalid("routing hold timeout must be >= 0, was %s", holdTimeout);
        }
    }

    public static RouterConfig defaults(String nodeId) {
        return new RouterConfig(nodeId, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}

package io.flightpath.postflight.routing;

import io.flightpath.core.FlightpathException;
import io.flightpath.core.PollLoop;
import java.time.Duration;

/**
 * How a routing node follows the maps: its id in the acknowledgements, how often it polls, how
 * long a confirmed map stays valid without a new confirmation (the lease), and how long a write
 * to a frozen range waits for the move to finish before it fails as retryable.
 */
public record RouterConfig(String nodeId, Duration poll, Duration lease, Duration holdTimeout) {
    public RouterConfig {
        PollLoop.checkTerms("routing", nodeId, poll, lease);
        if (holdTimeout.isNegative()) {
            throw FlightpathException.invalid("routing hold timeout must be >= 0, was %s", holdTimeout);
        }
    }

    public static RouterConfig defaults(String nodeId) {
        return new RouterConfig(nodeId, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}

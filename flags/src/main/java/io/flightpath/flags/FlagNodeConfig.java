package io.flightpath.flags;

import io.flightpath.core.PollLoop;
import java.time.Duration;

/**
 * How a node follows the flags: its id in the acknowledgements, how often it asks for a newer
 * version while nothing changes, and how long each acknowledgement holds. A change reaches every
 * live node at once when the source holds the asks (the control service does), else within about
 * one {@code poll}; a node silent for a {@code lease} counts as not acknowledged.
 */
public record FlagNodeConfig(String nodeId, Duration poll, Duration lease) {
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(5);

    public FlagNodeConfig {
        PollLoop.checkTerms("flags", nodeId, poll, lease);
    }

    public static FlagNodeConfig defaults(String nodeId) {
        return new FlagNodeConfig(nodeId, DEFAULT_POLL, DEFAULT_LEASE);
    }
}

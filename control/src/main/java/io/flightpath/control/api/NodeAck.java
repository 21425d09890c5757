package io.flightpath.control.api;

import java.time.Instant;

/**
 * What a routing node last confirmed: the map versions and pool generation it routes by, and
 * until when its lease holds. A node whose lease ran out routes nothing, so it can be ignored.
 */
public record NodeAck(String nodeId, int readVersion, int writeVersion, int poolGeneration, Instant lastSeen, Instant leaseUntil) {
    public boolean isLive(Instant now) {
        return leaseUntil.isAfter(now);
    }
}

package io.flightpath.control.api;

import java.time.Instant;

/**
 * A node as the flags see it: the flags version it acknowledged and its lease. {@code live}: the
 * lease holds; {@code acknowledged}: live and at (or past) the current flags version. A node that
 * is not live may still be evaluating an old snapshot: it is stale.
 */
public record FlagNodeStatus(String nodeId, long version, Instant lastSeen, Instant leaseUntil, boolean live, boolean acknowledged) {
    static FlagNodeStatus of(Acknowledgement ack, long current, Instant now) {
        boolean live = ack.isLive(now);
        return new FlagNodeStatus(ack.nodeId(), ack.version(), ack.lastSeen(), ack.leaseUntil(), live, live && ack.version() >= current);
    }
}

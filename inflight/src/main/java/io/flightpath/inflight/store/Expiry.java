package io.flightpath.inflight.store;

import io.flightpath.core.StatusEvent;
import java.time.Instant;

/**
 * A status event the sweeper wants applied only if the record has not changed since it was
 * found stale: still in {@code fromStatus} (wire word) and last updated at {@code lastUpdated}.
 */
public record Expiry(StatusEvent event, String fromStatus, Instant lastUpdated) {
}

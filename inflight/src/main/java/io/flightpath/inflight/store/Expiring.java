package io.flightpath.inflight.store;

import java.util.List;

/**
 * A store whose stale in-flight records the sweeper finalises: the dedicated in-flight store, or
 * the legacy tables while records are still in flight there.
 */
@FunctionalInterface
public interface Expiring {

    /**
     * Applies each expiry whose record is still in the status, and at the update time, the sweeper
     * saw, and skips the others; returns how many records it moved.
     */
    int expire(List<Expiry> expiries);
}

package io.flightpath.inflight.store;

import io.flightpath.core.FlightpathException;

/**
 * Bounds of the in-flight store's group commit, validated when built.
 *
 * @param maxGroupEvents events (and creates) one transaction takes at most; a single larger
 *                       request still runs, alone in its transaction
 * @param maxQueued      requests that may wait for a commit; when that many wait, further callers
 *                       are refused at once with UNAVAILABLE (load shedding, not blocking: the
 *                       platform retries, and a blocked HTTP thread would only hide the overload)
 */
public record GroupCommitConfig(int maxGroupEvents, int maxQueued) {
    public static final GroupCommitConfig DEFAULTS = new GroupCommitConfig(500, 10_000);

    public GroupCommitConfig {
        if (maxGroupEvents < 1) {
            throw FlightpathException.invalid("maxGroupEvents must be >= 1, was %d", maxGroupEvents);
        }
        if (maxQueued < 1) {
            throw FlightpathException.invalid("maxQueued must be >= 1, was %d", maxQueued);
        }
    }
}

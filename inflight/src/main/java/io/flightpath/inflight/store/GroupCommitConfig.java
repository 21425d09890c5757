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
 * @param committers     groups that may be in their transactions at once, each on a connection of
 *                       its own: while one group waits for the server, the next is already running,
 *                       and the server works on several at a time
 */
public record GroupCommitConfig(int maxGroupEvents, int maxQueued, int committers) {
    public static final int DEFAULT_COMMITTERS = 4;
    public static final GroupCommitConfig DEFAULTS = new GroupCommitConfig(500, 10_000, DEFAULT_COMMITTERS);

    public GroupCommitConfig {
        if (maxGroupEvents < 1) {
            throw FlightpathException.invalid("maxGroupEvents must be >= 1, was %d", maxGroupEvents);
        }
        if (maxQueued < 1) {
            throw FlightpathException.invalid("maxQueued must be >= 1, was %d", maxQueued);
        }
        if (committers < 1) {
            throw FlightpathException.invalid("committers must be >= 1, was %d", committers);
        }
    }

    /** With the default number of committers. */
    public GroupCommitConfig(int maxGroupEvents, int maxQueued) {
        this(maxGroupEvents, maxQueued, DEFAULT_COMMITTERS);
    }

    public GroupCommitConfig withCommitters(int n) {
        return new GroupCommitConfig(maxGroupEvents, maxQueued, n);
    }
}

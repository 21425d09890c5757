package io.flightpath.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a node reads flags and reports what it evaluates by: the control service, in-process or
 * over HTTP. Implementations are thread-safe.
 */
public interface FlagSource {

    /** The current snapshot when its version is not {@code version}, else empty (the cheap, common answer). */
    Optional<FlagSnapshot> changedSince(long version);

    /**
     * The current snapshot once its version is not {@code version}: at once when it is not
     * already, else when a change lands or {@code wait} has passed, whichever comes first (then
     * empty). This default holds nothing, so a node that follows the flags this way polls; a source
     * that is told of changes holds the call.
     */
    default Optional<FlagSnapshot> awaitChange(long version, Duration wait) {
        return changedSince(version);
    }

    /** Records that {@code nodeId} evaluates by flags version {@code version}, with a lease until {@code leaseUntil}. */
    void acknowledge(String nodeId, long version, Instant at, Instant leaseUntil);
}

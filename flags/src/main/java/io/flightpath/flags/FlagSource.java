package io.flightpath.flags;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a node reads flags and reports what it evaluates by: the control service, in-process or
 * over HTTP. Implementations are thread-safe.
 */
public interface FlagSource {

    /** The current snapshot when its version is not {@code version}, else empty (the cheap, common answer). */
    Optional<FlagSnapshot> changedSince(long version);

    /** Records that {@code nodeId} evaluates by flags version {@code version}, with a lease until {@code leaseUntil}. */
    void acknowledge(String nodeId, long version, Instant at, Instant leaseUntil);
}

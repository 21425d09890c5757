package io.flightpath.core;

/**
 * The kind of failure a {@link FlightpathException} reports; services map each code to one
 * response status, so a code says who is at fault and whether retrying can help.
 */
public enum ErrorCode {
    /** The caller sent something malformed; retrying the same request cannot succeed. */
    INVALID_ARGUMENT,
    /** The caller did not prove who it is (missing or wrong credentials). */
    UNAUTHENTICATED,
    /** The named record does not exist (or no longer exists in this store). */
    NOT_FOUND,
    /** The request clashes with a record that already exists, such as a duplicate SID. */
    CONFLICT,
    /** The request is well formed but the record's current state forbids it, such as an illegal status move. */
    FAILED_PRECONDITION,
    /** A dependency is down or overloaded; the same request may succeed later. */
    UNAVAILABLE,
    /** A bug or broken invariant on our side. */
    INTERNAL
}

package io.flightpath.inflight.store;

/**
 * What moves a finished record to post-flight at once (the handoff relay), for a caller that cannot
 * wait for the relay's next pass. The store calls it only for a record it holds in a final status.
 */
@FunctionalInterface
public interface Handoff {

    /**
     * Hands off the record with this SID if it still awaits handoff: when this returns, the record
     * is in post-flight and gone from the in-flight store. Does nothing when it awaits no handoff.
     */
    void now(String sid);
}

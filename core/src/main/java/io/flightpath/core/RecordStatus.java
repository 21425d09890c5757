package io.flightpath.core;

/**
 * What every record status offers regardless of record type, so storage and routing code can
 * treat call and message statuses alike: a record whose status is post-flight leaves the
 * in-flight store for sharded post-flight storage and never changes status again.
 */
public interface RecordStatus {

    /** The lowercase word Twilio's API uses for this status, e.g. "in-progress". */
    String wire();

    /** True for final statuses: the record has finished and belongs in post-flight storage. */
    boolean isPostFlight();
}

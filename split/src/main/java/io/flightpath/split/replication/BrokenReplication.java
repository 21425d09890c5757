package io.flightpath.split.replication;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;

/**
 * Replication stopped on an error (a row the replica could not apply, or a source that refused
 * it): nothing moves until an operator fixes the cause. The message names both servers and
 * carries MariaDB's error; {@link #status()} has the rest.
 */
public final class BrokenReplication extends FlightpathException {
    private final transient ReplicationStatus status;

    BrokenReplication(Replication link, ReplicationStatus status) {
        super(ErrorCode.FAILED_PRECONDITION, "replication of " + link.target().name() + " from " + link.source().name()
                + " (connection '" + status.connection() + "') stopped: " + status.error());
        this.status = status;
    }

    public ReplicationStatus status() {
        return status;
    }
}

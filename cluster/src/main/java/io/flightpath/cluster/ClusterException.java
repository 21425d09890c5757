package io.flightpath.cluster;

/** A local cluster operation that could not be done; the message is one line meant for a person. */
public final class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}

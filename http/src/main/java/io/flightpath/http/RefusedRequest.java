package io.flightpath.http;

import io.flightpath.core.FlightpathException;

/**
 * A request the HTTP layer refuses with a status of its own, before or instead of any route: 405,
 * 413 for a body over the limit, and what Jetty answers by itself (a bad request line or
 * Content-Length, 414, 431, 426).
 */
public final class RefusedRequest extends FlightpathException {
    private final int status;

    public RefusedRequest(int status, String message) {
        super(ErrorStatus.codeOf(status), message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

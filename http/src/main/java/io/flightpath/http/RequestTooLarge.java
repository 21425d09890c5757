package io.flightpath.http;

import io.flightpath.core.ErrorCode;
import io.flightpath.core.FlightpathException;

/** A request body above the server's limit: refused with 413 before it is parsed. */
public final class RequestTooLarge extends FlightpathException {
    public RequestTooLarge(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message);
    }
}

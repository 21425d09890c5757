package io.flightpath.http;

import io.flightpath.core.ErrorCode;

/** The JSON body of an internal API error: the code to branch on and a message for people. */
public record ErrorBody(ErrorCode code, String message) {
}
